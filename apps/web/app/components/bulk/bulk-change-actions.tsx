import { getFormProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { useSchemaForm } from "~/components/schema-form";
import { bulkApplyFormSchema } from "~/forms/bulk-forms";
import { fieldErrorMessage } from "~/i18n/i18n";
import { useT } from "~/root";
import type { BulkActionAnswer, BulkChangeView } from "./bulk-view";

/** The apply form: now, or from the first day of the next billing month (a radio each). */
function ApplyForm({ change, answer }: { change: BulkChangeView; answer: BulkActionAnswer | null }) {
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const [form, fields] = useSchemaForm(bulkApplyFormSchema, { id: "bulk-apply", lastResult: answer?.intent === "apply" ? answer.result : null });
  const error = fields.effective.errors ? fieldErrorMessage(t, fields.effective.errors) : undefined;
  const typed = typeof fields.effective.initialValue === "string" ? fields.effective.initialValue : "now";
  const option = (value: "now" | "next_month", label: string) => (
    <div className="checkbox">
      <input type="radio" id={`bulk-effective-${value}`} name={fields.effective.name} value={value} defaultChecked={typed === value} key={fields.effective.key} />
      <label htmlFor={`bulk-effective-${value}`}>{label}</label>
    </div>
  );
  return (
    <Form method="post" className="panel stack" {...getFormProps(form)} aria-labelledby="bulk-apply-title">
      <h2 id="bulk-apply-title">{t("bulk.apply.title")}</h2>
      <CsrfField />
      <input type="hidden" name="intent" value="apply" />
      <fieldset className={`field${error ? " field-invalid" : ""}`} aria-describedby={error ? "bulk-effective-error" : undefined}>
        <legend className="field-legend">{t("bulk.apply.when")}</legend>
        {option("now", t("bulk.apply.now"))}
        {option("next_month", t("bulk.apply.nextMonth", { date: change.nextMonthStart }))}
        {error ? (
          <p className="field-error" id="bulk-effective-error">
            {error}
          </p>
        ) : null}
      </fieldset>
      <p className="muted">{t("bulk.apply.note")}</p>
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {t("bulk.apply.button", { count: change.changeCountText })}
        </button>
        <Link to="/cabinet/bulk">{t("bulk.another")}</Link>
      </div>
    </Form>
  );
}

function IntentButton({ intent, label, quiet }: { intent: "cancel" | "repreview"; label: string; quiet?: boolean }) {
  const busy = useNavigation().state === "submitting";
  return (
    <Form method="post" className="inline-form">
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={`button${quiet ? " button-quiet" : ""}`} disabled={busy}>
        {label}
      </button>
    </Form>
  );
}

/**
 * Where the change stands and what can be done with it: apply a preview; cancel a scheduled change;
 * watch one that runs (the page refreshes itself; a link does the same by hand); the outcome once
 * done or failed, with a new preview when a line changed meanwhile.
 */
export function BulkChangeActions({ change, answer }: { change: BulkChangeView; answer: BulkActionAnswer | null }) {
  const t = useT();
  const refusal = answer?.refusal ? fieldErrorMessage(t, answer.refusal) : null;
  const percent = change.progress && change.progress.total > 0 ? Math.floor((100 * change.progress.done) / change.progress.total) : 0;
  return (
    <>
      {refusal ? (
        <div className="notice notice-bad" role="alert">
          <p>{refusal}</p>
          {answer?.refusal?.code === "bulk.stale" ? <IntentButton intent="repreview" label={t("bulk.repreview")} /> : null}
        </div>
      ) : null}
      {change.status === "preview" && change.changeCount > 0 ? <ApplyForm change={change} answer={answer} /> : null}
      {change.status === "preview" && change.changeCount === 0 ? (
        <p className="notice" role="status">
          {t("bulk.nothingToApply")} <Link to="/cabinet/bulk">{t("bulk.another")}</Link>
        </p>
      ) : null}
      {change.status === "scheduled" ? (
        <div className="notice notice-ok" role="status">
          <p>{t("bulk.scheduled", { at: change.runAfter ?? "" })}</p>
          <IntentButton intent="cancel" label={t("bulk.cancel")} quiet />
        </div>
      ) : null}
      {change.inProgress ? (
        <div className="notice" role="status" data-testid="bulk-progress">
          <p>{change.status === "queued" ? t("bulk.queued") : t("bulk.running", { done: change.progress?.done ?? 0, total: change.progress?.total ?? change.changeCount })}</p>
          <progress max={100} value={percent} aria-label={t("bulk.progress")}>
            {percent}%
          </progress>
          <p>
            <Link to={`/cabinet/bulk/${change.id}`}>{t("bulk.refresh")}</Link>
          </p>
        </div>
      ) : null}
      {change.status === "done" ? (
        <p className="notice notice-ok" role="status" data-testid="bulk-outcome">
          {t("bulk.done", { count: change.changeCountText, at: change.appliedAt ?? "" })}
        </p>
      ) : null}
      {change.status === "failed" ? (
        <div className="notice notice-bad" role="status" data-testid="bulk-outcome">
          <p>{change.refusal ? t("bulk.failed.stale", { msisdn: change.refusal.msisdn }) : t("bulk.failed", { at: change.finishedAt ?? "" })}</p>
          <IntentButton intent="repreview" label={t("bulk.repreview")} />
        </div>
      ) : null}
      {change.status === "cancelled" ? (
        <p className="notice" role="status" data-testid="bulk-outcome">
          {t("bulk.cancelled", { at: change.finishedAt ?? "" })}
        </p>
      ) : null}
    </>
  );
}
