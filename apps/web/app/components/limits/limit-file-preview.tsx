import { Form, Link } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import type { LimitPolicyOption } from "~/forms/limit-forms";
import { useT } from "~/root";

type Value = { amount: string; policy: LimitPolicyOption } | null;

export interface LimitFilePreviewData {
  fileName: string;
  encoding: string;
  delimiter: string;
  rowCount: number;
  unchangedCount: number;
  changes: { row: number; msisdn: string; before: Value; after: Value }[];
  changeCount: number;
  refused: { row: number; number: string; reason: "malformed" | "notThisCompany" | "badAmount" | "badPolicy" | "duplicate" }[];
  refusedCount: number;
}

/** A limits file's stored preview: what will change (before → after), the refused rows and why, and the apply. */
export function LimitFilePreviewView({
  token,
  applied,
  preview,
  result,
  busy,
}: {
  token: string;
  applied: boolean;
  preview: LimitFilePreviewData;
  result: { blocked: number; unblocked: number };
  busy: boolean;
}) {
  const t = useT();
  const value = (v: Value) => (v ? t("limits.file.value", { amount: v.amount, policy: t(`limits.policyShort.${v.policy}`) }) : t("limits.file.value.none"));
  return (
    <>
      {applied ? (
        <p className="notice notice-ok" role="status" data-testid="limit-file-applied">
          {t("limits.file.applied", { count: preview.changeCount, blocked: result.blocked, unblocked: result.unblocked })}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="preview-title">
        <h2 id="preview-title">{t("limits.file.preview.title")}</h2>
        <p data-testid="preview-summary">
          {t("limits.file.preview.summary", {
            file: preview.fileName,
            encoding: preview.encoding,
            delimiter: preview.delimiter,
            rows: preview.rowCount,
            changes: preview.changeCount,
            unchanged: preview.unchangedCount,
            refused: preview.refusedCount,
          })}
        </p>
        {applied ? (
          <Link to="/cabinet/limits/file">{t("limits.file.another")}</Link>
        ) : (
          <Form method="post" className="actions">
            <CsrfField />
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button" disabled={busy || preview.changeCount === 0}>
              {t("limits.file.apply", { count: preview.changeCount })}
            </button>
            <Link to="/cabinet/limits/file">{t("limits.file.another")}</Link>
          </Form>
        )}
      </section>

      {preview.refusedCount > 0 ? (
        <section className="panel" aria-labelledby="refused-title">
          <h2 id="refused-title">{t("limits.file.preview.refused")}</h2>
          <p className="muted">{t("limits.file.preview.refusedNote")}</p>
          <div className="table-wrap">
            <table className="data" data-testid="refused-rows">
              <thead>
                <tr>
                  <th scope="col">{t("limits.file.col.row")}</th>
                  <th scope="col">{t("limits.file.col.number")}</th>
                  <th scope="col">{t("limits.file.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.refused.map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td className="nowrap">{r.number}</td>
                    <td>{t(`limits.file.reason.${r.reason}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.refused.length < preview.refusedCount ? <p className="muted">{t("limits.file.preview.more", { shown: preview.refused.length, total: preview.refusedCount })}</p> : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="changes-title">
        <h2 id="changes-title">{t("limits.file.preview.changes")}</h2>
        {preview.changeCount === 0 ? (
          <p className="muted">{t("limits.file.preview.noChanges")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data cards" data-testid="changed-rows">
              <thead>
                <tr>
                  <th scope="col">{t("limits.file.col.row")}</th>
                  <th scope="col">{t("limits.file.col.number")}</th>
                  <th scope="col">{t("limits.file.col.before")}</th>
                  <th scope="col">{t("limits.file.col.after")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr key={c.row}>
                    <td>{c.row}</td>
                    <td className="nowrap" data-label={t("limits.file.col.number")}>
                      {c.msisdn}
                    </td>
                    <td data-label={t("limits.file.col.before")}>{value(c.before)}</td>
                    <td data-label={t("limits.file.col.after")}>{value(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {preview.changes.length < preview.changeCount ? <p className="muted">{t("limits.file.preview.more", { shown: preview.changes.length, total: preview.changeCount })}</p> : null}
      </section>
    </>
  );
}
