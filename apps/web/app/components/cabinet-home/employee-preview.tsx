import { Form, Link } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/root";

interface Values {
  employeeName: string | null;
  department: string | null;
}

export interface PreviewView {
  fileName: string;
  encoding: string;
  delimiter: string;
  rowCount: number;
  changes: { row: number; msisdn: string; before: Values; after: Values }[];
  changeCount: number;
  refused: { row: number; number: string; reason: string }[];
  refusedCount: number;
  unchangedCount: number;
  newDepartments: string[];
}

/** An employee file's stored preview: what will change, what is refused and why, and the apply. */
export function EmployeePreview({ token, applied, preview, busy }: { token: string; applied: boolean; preview: PreviewView; busy: boolean }) {
  const t = useT();
  const values = (v: Values) => `${v.employeeName ?? "—"} · ${v.department ?? t("employees.noDepartment")}`;
  return (
    <>
      {applied ? (
        <p className="notice notice-ok" role="status">
          {t("employees.applied", { count: preview.changeCount, departments: preview.newDepartments.length })}
        </p>
      ) : null}
      <section className="panel" aria-labelledby="preview-title">
        <h2 id="preview-title">{t("employees.preview.title")}</h2>
        <p data-testid="preview-summary">
          {t("employees.preview.summary", {
            file: preview.fileName,
            encoding: preview.encoding,
            delimiter: preview.delimiter,
            rows: preview.rowCount,
            changes: preview.changeCount,
            unchanged: preview.unchangedCount,
            refused: preview.refusedCount,
          })}
        </p>
        {preview.newDepartments.length > 0 ? <p>{t("employees.preview.newDepartments", { names: preview.newDepartments.join(", ") })}</p> : null}
        {applied ? null : (
          <Form method="post" className="actions">
            <CsrfField />
            <input type="hidden" name="intent" value="apply" />
            <input type="hidden" name="token" value={token} />
            <button type="submit" className="button" disabled={busy || preview.changeCount === 0}>
              {t("employees.apply", { count: preview.changeCount })}
            </button>
            <Link to="/cabinet/employees">{t("employees.another")}</Link>
          </Form>
        )}
        {applied ? <Link to="/cabinet/employees">{t("employees.another")}</Link> : null}
      </section>

      {preview.refusedCount > 0 ? (
        <section className="panel" aria-labelledby="refused-title">
          <h2 id="refused-title">{t("employees.preview.refused")}</h2>
          <p className="muted">{t("employees.preview.refusedNote")}</p>
          <div className="table-wrap">
            <table className="data" data-testid="refused-rows">
              <thead>
                <tr>
                  <th scope="col">{t("employees.col.row")}</th>
                  <th scope="col">{t("employees.col.number")}</th>
                  <th scope="col">{t("employees.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.refused.map((r) => (
                  <tr key={r.row}>
                    <td>{r.row}</td>
                    <td className="nowrap">{r.number}</td>
                    <td>{t(`employees.reason.${r.reason}` as MessageKey)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.refused.length < preview.refusedCount ? <p className="muted">{t("employees.preview.more", { shown: preview.refused.length, total: preview.refusedCount })}</p> : null}
        </section>
      ) : null}

      <section className="panel" aria-labelledby="changes-title">
        <h2 id="changes-title">{t("employees.preview.changes")}</h2>
        {preview.changeCount === 0 ? (
          <p className="muted">{t("employees.preview.noChanges")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data cards" data-testid="changed-rows">
              <thead>
                <tr>
                  <th scope="col">{t("employees.col.row")}</th>
                  <th scope="col">{t("employees.col.number")}</th>
                  <th scope="col">{t("employees.col.before")}</th>
                  <th scope="col">{t("employees.col.after")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.changes.map((c) => (
                  <tr key={c.row}>
                    <td>{c.row}</td>
                    <td className="nowrap" data-label={t("employees.col.number")}>
                      {c.msisdn}
                    </td>
                    <td data-label={t("employees.col.before")}>{values(c.before)}</td>
                    <td data-label={t("employees.col.after")}>{values(c.after)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {preview.changes.length < preview.changeCount ? <p className="muted">{t("employees.preview.more", { shown: preview.changes.length, total: preview.changeCount })}</p> : null}
      </section>
    </>
  );
}
