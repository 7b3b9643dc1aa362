import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { CheckboxInput, HiddenFieldsProblem, summaryOf, TextAreaInput } from "~/components/schema-fields";
import { Nowrap, RichText } from "~/components/rich-text";
import { useSchemaForm } from "~/components/schema-form";
import { approveFormSchema, rejectFormSchema } from "~/forms/decision-forms";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { useT } from "~/root";
import type { ApplicationView } from "./application-view";

function useSubmittingIntent(intent: string): boolean {
  const navigation = useNavigation();
  return navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
}

/**
 * Approving: creates the company's administrator login and sends it by SMS. Against failed checks
 * the approver confirms and explains (the schema asks for both; the domain decides).
 */
export function ApproveForm({
  application: app,
  failedChecks,
  lastResult,
}: {
  application: ApplicationView;
  failedChecks: number;
  lastResult: SubmissionResult<FieldError> | null;
}) {
  const t = useT();
  const checksFailed = failedChecks > 0;
  const schema = useMemo(() => approveFormSchema({ checksFailed }), [checksFailed]);
  const [form, fields] = useSchemaForm(schema, { id: "approve", lastResult });
  const submitting = useSubmittingIntent("approve");
  const summary = summaryOf(t, form, [
    { field: fields.confirmFailedChecks, label: t("office.app.approve.confirm") },
    { field: fields.comment, label: t("office.app.approve.comment") },
  ]);
  return (
    <>
      <ErrorSummary title={t("office.app.errorSummary", { count: summary.length })} errors={summary} />
      <section className="panel" aria-labelledby="approve-title">
        <h2 id="approve-title">{t("office.app.approve.title")}</h2>
        <p>
          <RichText text={t("office.app.approve.text")} values={{ contact: <Nowrap>{app.contactNumber}</Nowrap>, email: app.email }} />
        </p>
        <HiddenFieldsProblem fields={checksFailed ? [fields.intent] : [fields.intent, fields.confirmFailedChecks]} />
        <Form method="post" className="stack" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name={fields.intent.name} value="approve" />
          {checksFailed ? (
            <CheckboxInput field={fields.confirmFailedChecks} label={t("office.app.approve.confirm")} value="yes" />
          ) : null}
          <TextAreaInput
            field={fields.comment}
            label={t("office.app.approve.comment")}
            hint={t("office.app.approve.comment.hint")}
            rows={3}
          />
          <div className="actions">
            <button type="submit" className="button" disabled={submitting}>
              {t("office.app.approve.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

/** Rejecting: the reason goes to the applicant by e-mail and on the status page. */
export function RejectForm({ lastResult }: { lastResult: SubmissionResult<FieldError> | null }) {
  const t = useT();
  const [form, fields] = useSchemaForm(rejectFormSchema, { id: "reject", lastResult });
  const submitting = useSubmittingIntent("reject");
  const summary = summaryOf(t, form, [{ field: fields.reason, label: t("office.app.reject.reason") }]);
  return (
    <>
      <ErrorSummary title={t("office.app.errorSummary", { count: summary.length })} errors={summary} />
      <section className="panel" aria-labelledby="reject-title">
        <h2 id="reject-title">{t("office.app.reject.title")}</h2>
        <HiddenFieldsProblem fields={[fields.intent]} />
        <Form method="post" className="stack" {...getFormProps(form)}>
          <CsrfField />
          <input type="hidden" name={fields.intent.name} value="reject" />
          <TextAreaInput field={fields.reason} label={t("office.app.reject.reason")} hint={t("office.app.reject.reason.hint")} rows={3} />
          <div className="actions">
            <button type="submit" className="button button-danger" disabled={submitting}>
              {t("office.app.reject.submit")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
