import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { Nowrap, RichText } from "~/components/rich-text";
import { useSchemaForm } from "~/components/schema-form";
import { issuePasswordFormSchema } from "~/forms/decision-forms";
import { useT } from "~/root";
import type { AdminView, ApplicationView, DecisionView } from "./application-view";

/** The decision taken on the application, and the state of the login an approval created. */
export function DecisionCard({
  application: app,
  decision,
  admin,
  canIssuePasswords,
}: {
  application: ApplicationView;
  decision: DecisionView;
  admin: AdminView | null;
  canIssuePasswords: boolean;
}) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="decision-title">
      <h2 id="decision-title">{t("office.app.decision")}</h2>
      <dl className="facts">
        <dt>{t("office.app.decision.status")}</dt>
        <dd>
          <span className={`badge badge-${app.status}`}>{t(`status.state.${app.status}`)}</span>
        </dd>
        {decision.checksOverridden ? (
          <>
            <dt>{t("office.app.decision.checks")}</dt>
            <dd>{t("office.app.decision.overridden")}</dd>
          </>
        ) : null}
        <dt>{t("office.app.decision.by")}</dt>
        <dd>{decision.by ?? "—"}</dd>
        <dt>{t("office.app.decision.at")}</dt>
        <dd>{decision.at}</dd>
        {decision.comment ? (
          <>
            <dt>{t(app.status === "rejected" ? "office.app.decision.reason" : "office.app.decision.comment")}</dt>
            <dd className="prewrap">{decision.comment}</dd>
          </>
        ) : null}
        {admin ? (
          <>
            <dt>{t("office.app.admin.login")}</dt>
            <dd className="mono">{admin.login}</dd>
            <dt>{t("office.app.admin.state")}</dt>
            <dd>
              <AdminState admin={admin} />
            </dd>
          </>
        ) : null}
      </dl>
      {admin && canIssuePasswords ? <IssuePasswordForm contactNumber={app.contactNumber} /> : null}
    </section>
  );
}

function AdminState({ admin }: { admin: AdminView }) {
  const t = useT();
  if (admin.locked) return <span className="badge badge-bad">{t("office.app.admin.locked")}</span>;
  if (admin.temporary) return <span className="badge badge-warn">{t("office.app.admin.temporary")}</span>;
  return <span className="badge badge-ok">{t("office.app.admin.active")}</span>;
}

/** A new temporary password by SMS to the contact number (replaces the password, ends the login's sessions). */
function IssuePasswordForm({ contactNumber }: { contactNumber: string }) {
  const t = useT();
  const navigation = useNavigation();
  const [form, fields] = useSchemaForm(issuePasswordFormSchema, { id: "issue-password" });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "issuePassword";
  return (
    <Form method="post" className="decision-form" {...getFormProps(form)}>
      <CsrfField />
      <input type="hidden" name={fields.intent.name} value="issuePassword" />
      <p className="hint">
        <RichText text={t("office.app.admin.issue.hint")} values={{ contact: <Nowrap>{contactNumber}</Nowrap> }} />
      </p>
      <div className="actions">
        <button type="submit" className="button button-quiet" disabled={submitting}>
          {t("office.app.admin.issue")}
        </button>
      </div>
    </Form>
  );
}
