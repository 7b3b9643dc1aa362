// How the limits pages answer a change the domain refuses: a field it names (an amount out of
// range, a day already past) comes back on that field with what was typed (400); a refusal of the
// whole change (a file already written, changed meanwhile) is the page's message (400 or 409);
// anything else — another company's line, say — is mapped once by mapDomainErrors (404).
import { DomainError } from "@cabinet/domain";
import { data } from "@remix-run/node";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { mapDomainErrors } from "~/server/http.server";

export interface LimitAnswer {
  intent: string;
  result: SubmissionResult<FieldError> | null;
  refusal?: FieldError;
}

/** Runs a limits change: `work` returns the redirect; `submission` is the form's parsed submission (for its reply). */
export function limitRefusals(
  intent: string,
  submission: { reply: (options?: { fieldErrors?: Record<string, FieldError> }) => SubmissionResult<FieldError> } | null,
  work: () => Response,
) {
  return mapDomainErrors(() => {
    try {
      return work();
    } catch (error) {
      if (!(error instanceof DomainError) || !error.fieldErrors || (error.code !== "invalid" && error.code !== "conflict")) throw error;
      const status = error.code === "conflict" ? 409 : 400;
      const fieldErrors = error.fieldErrors;
      const onFields = submission && error.code === "invalid" && Object.keys(fieldErrors).some((field) => field !== "file" && field !== "token");
      if (onFields) {
        const reply = submission.reply({ fieldErrors });
        return data<LimitAnswer>({ intent, result: reply }, { status });
      }
      const [refusal] = Object.values(fieldErrors);
      return data<LimitAnswer>({ intent, result: null, ...(refusal ? { refusal } : {}) }, { status });
    }
  });
}
