import { getFormProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { InputField } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { verificationCodeFormSchema } from "~/forms/verify-form";
import { useT } from "~/root";

export type CodeLookup =
  | {
      state: "found";
      code: string;
      application: { id: number; reference: string; companyName: string; status: "submitted" | "approved" | "rejected"; submittedAt: string };
    }
  | { state: "notFound"; code: string };

/** Looking an application up by the code on its form: what was found, and the (GET) form. */
export function VerificationByCode({
  lookup,
  lastResult,
}: {
  lookup: CodeLookup | null;
  lastResult: SubmissionResult<FieldError> | null;
}) {
  const t = useT();
  const [form, fields] = useSchemaForm(verificationCodeFormSchema, { id: "verify-code", lastResult });
  return (
    <section className="panel" aria-labelledby="by-code-title">
      <h2 id="by-code-title">{t("verify.byCode")}</h2>
      {lookup?.state === "found" ? <FoundApplication lookup={lookup} /> : null}
      {lookup?.state === "notFound" ? (
        <p className="notice notice-bad" role="alert" data-testid="verify-lookup">
          {t("verify.notFound", { code: lookup.code })}
        </p>
      ) : null}
      <Form method="get" className="stack" {...getFormProps(form)}>
        <InputField
          field={fields.code}
          label={t("verify.code")}
          hint={t("verify.code.hint")}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
        />
        <div className="actions">
          <button type="submit" className="button">
            {t("verify.lookup")}
          </button>
        </div>
      </Form>
    </section>
  );
}

function FoundApplication({ lookup }: { lookup: Extract<CodeLookup, { state: "found" }> }) {
  const t = useT();
  const { application } = lookup;
  return (
    <div className="notice notice-ok" role="status" data-testid="verify-lookup">
      <p>{t("verify.found", { code: lookup.code })}</p>
      <dl className="facts">
        <dt>{t("verify.reference")}</dt>
        <dd className="mono">{application.reference}</dd>
        <dt>{t("verify.company")}</dt>
        <dd>{application.companyName}</dd>
        <dt>{t("verify.status")}</dt>
        <dd>
          <span className={`badge badge-${application.status}`}>{t(`status.state.${application.status}`)}</span>
        </dd>
        <dt>{t("verify.submitted")}</dt>
        <dd>{application.submittedAt}</dd>
      </dl>
      <p>
        <Link className="button button-small" to={`/office/applications/${application.id}`}>
          {t("verify.open")}
        </Link>
      </p>
    </div>
  );
}
