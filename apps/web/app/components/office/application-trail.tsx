import { auditActionText, auditActorText, auditDetails } from "~/lib/audit-text";
import { useT } from "~/root";
import type { TrailEntryView } from "./application-view";

/** Everything that happened to the application and to the login it created. */
export function ApplicationTrail({ trail }: { trail: TrailEntryView[] }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="trail-title">
      <h2 id="trail-title">{t("office.app.trail")}</h2>
      {trail.length === 0 ? (
        <p className="muted">{t("office.app.trail.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards">
            <thead>
              <tr>
                <th scope="col">{t("office.app.trail.at")}</th>
                <th scope="col">{t("office.app.trail.who")}</th>
                <th scope="col">{t("office.app.trail.what")}</th>
                <th scope="col">{t("office.app.trail.details")}</th>
              </tr>
            </thead>
            <tbody>
              {trail.map((e) => (
                <tr key={e.key}>
                  <td className="nowrap">{e.at}</td>
                  <td data-label={t("office.app.trail.who")}>{auditActorText(t, e.actorLabel)}</td>
                  <td data-label={t("office.app.trail.what")}>{auditActionText(t, e.action)}</td>
                  <td>
                    {auditDetails(t, e.after).map((line) => (
                      <div key={line}>{line}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
