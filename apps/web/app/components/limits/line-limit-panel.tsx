import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { ErrorSummary } from "~/components/field";
import { HiddenFieldsProblem, summaryOf } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import type { FieldError, SubmissionResult } from "~/forms/form-schema";
import { lineLimitFormSchema } from "~/forms/limit-forms";
import { fieldErrorMessage } from "~/i18n/i18n";
import { useT } from "~/root";
import { LimitFields } from "./limit-fields";
import { LimitStatus, LimitValueText, useSourceText } from "./limit-status";
import type { LineLimitPanelView } from "./limit-view";

/** What the line page says after a limit was saved or removed (`?limit=`). */
export const lineLimitDoneNotices = ["saved", "removed", "blocked", "unblocked"] as const;
export type LineLimitDone = (typeof lineLimitDoneNotices)[number];

/**
 * The line's spending limit on its page: how it stands (LimitStatus), the form for the line's own
 * limit (prefilled with it, or empty when the line inherits), and removing the own limit.
 */
export function LineLimitPanel({
  view,
  done,
  lastResult,
  refused,
}: {
  view: LineLimitPanelView;
  done: LineLimitDone | null;
  lastResult: SubmissionResult<FieldError> | null;
  refused: string | null;
}) {
  const t = useT();
  const sourceText = useSourceText();
  const own = view.own;
  const [form, fields] = useSchemaForm(lineLimitFormSchema, {
    id: "line-limit",
    lastResult,
    defaultValue: {
      amount: own?.amountInput ?? "",
      policy: own?.policy ?? view.inherited?.limit.policy ?? "notify",
      warningPercent: own?.warningPercent == null ? "" : String(own.warningPercent),
      notifyEmployee: own?.notifyEmployee ? "yes" : "",
      until: own?.untilInput ?? "",
    },
  });
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const summary = summaryOf(t, form, [
    { field: fields.amount, label: t("limits.field.amount") },
    { field: fields.policy, label: t("limits.field.policy") },
    { field: fields.warningPercent, label: t("limits.field.warning") },
    { field: fields.until, label: t("limits.field.until") },
  ]);
  const fallback = view.inherited ? `${sourceText(view.inherited.source, view.departmentName)} (${view.inherited.limit.amount})` : t("limits.source.none");
  return (
    <section className="panel" aria-labelledby="line-limit-title" id="limit">
      <h2 id="line-limit-title">{t("limits.line.title")}</h2>
      {done ? (
        <p className="notice notice-ok" role="status" data-testid="limit-done">
          {t(`limits.done.${done}`)}
        </p>
      ) : null}
      {refused ? (
        <p className="notice notice-bad" role="alert">
          {fieldErrorMessage(t, { code: refused })}
        </p>
      ) : null}
      <LimitStatus row={view} fallbackText={fallback} />
      <h3 id="line-limit-form-title">{own ? t("limits.line.form.change") : t("limits.line.form.set")}</h3>
      <p className="muted">
        {view.inherited ? (
          <>
            {t("limits.line.inherits", { limit: sourceText(view.inherited.source, view.departmentName) })} <LimitValueText limit={view.inherited.limit} />
          </>
        ) : (
          t("limits.line.inheritsNothing")
        )}
      </p>
      <ErrorSummary title={t("limits.errorSummary", { count: summary.length })} errors={summary} />
      <HiddenFieldsProblem fields={[fields.intent]} />
      <Form method="post" className="stack" preventScrollReset aria-labelledby="line-limit-form-title" {...getFormProps(form)}>
        <CsrfField />
        <input type="hidden" name="intent" value="limit" />
        <LimitFields fields={fields} idPrefix="line-limit" companyWarningPercent={view.companyWarningPercent} />
        <div className="actions">
          <button type="submit" className="button" disabled={busy}>
            {t("limits.line.submit")}
          </button>
        </div>
      </Form>
      {own ? (
        <Form method="post" className="actions" preventScrollReset>
          <CsrfField />
          <input type="hidden" name="intent" value="removeLimit" />
          <button type="submit" className="button button-quiet" disabled={busy}>
            {t("limits.line.remove")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
