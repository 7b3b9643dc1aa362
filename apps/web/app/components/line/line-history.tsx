import { Link } from "@remix-run/react";
import type { Translate } from "~/i18n/i18n";
import { auditActionText, auditActorText } from "~/lib/audit-text";
import { useT } from "~/root";
import type { BlockReason, HistoryView } from "./line-view";

type HistoryEvent = HistoryView["events"][number];

/** One change in words: what happened to the line, before → after where it says more. */
function describe(t: Translate, event: HistoryEvent, history: HistoryView): string {
  const after = event.after ?? {};
  const before = event.before ?? {};
  const service = typeof after.service === "string" ? (history.serviceNames[after.service] ?? after.service) : "";
  const reason = typeof after.reason === "string" ? t(`line.block.${after.reason as BlockReason}`) : "";
  const department = (value: unknown) =>
    typeof value === "number" ? (history.departmentNames[String(value)] ?? t("line.history.departmentGone")) : t("line.noDepartment");
  const name = (value: unknown) => (typeof value === "string" && value ? value : t("line.noEmployee"));
  switch (event.action) {
    case "line.service_on":
      return t("line.history.serviceOn", { service });
    case "line.service_off":
      return t("line.history.serviceOff", { service });
    case "line.blocked":
      return t("line.history.blocked", { reason });
    case "line.unblocked":
      return t("line.history.unblocked", { reason });
    case "line.employee_changed": {
      const parts: string[] = [];
      if (before.employeeName !== after.employeeName) parts.push(t("line.history.employee", { before: name(before.employeeName), after: name(after.employeeName) }));
      if (before.departmentId !== after.departmentId) parts.push(t("line.history.department", { before: department(before.departmentId), after: department(after.departmentId) }));
      return parts.length > 0 ? parts.join("; ") : t("line.history.employeeSame");
    }
    default:
      return auditActionText(t, event.action);
  }
}

/** The line's changes from the audit trail, newest first, a page at a time (`?history=N`). */
export function LineHistory({ lineId, history }: { lineId: number; history: HistoryView }) {
  const t = useT();
  const pageLink = (page: number) => `/cabinet/lines/${lineId}${page > 1 ? `?history=${page}` : ""}#history`;
  return (
    <section className="panel" aria-labelledby="line-history-title" id="history">
      <h2 id="line-history-title">{t("line.history.title")}</h2>
      {history.events.length === 0 ? (
        <p className="muted">{history.page > 1 ? t("line.history.pageEmpty") : t("line.history.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards" aria-labelledby="line-history-title" data-testid="line-history">
            <thead>
              <tr>
                <th scope="col">{t("line.history.col.at")}</th>
                <th scope="col">{t("line.history.col.who")}</th>
                <th scope="col">{t("line.history.col.what")}</th>
              </tr>
            </thead>
            <tbody>
              {history.events.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap">{event.at}</td>
                  <td data-label={t("line.history.col.who")}>{auditActorText(t, event.actorLabel)}</td>
                  <td data-label={t("line.history.col.what")}>{describe(t, event, history)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {history.page > 1 || history.hasMore ? (
        <nav className="actions" aria-label={t("line.history.pages")}>
          {history.page > 1 ? <Link to={pageLink(history.page - 1)}>{t("line.history.newer")}</Link> : null}
          <span className="muted">{t("line.history.page", { page: String(history.page) })}</span>
          {history.hasMore ? <Link to={pageLink(history.page + 1)}>{t("line.history.older")}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
