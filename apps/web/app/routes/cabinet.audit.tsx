import { findRegion, formatRegionDateTime, listCompanyAuditEvents, COMPANY_AUDIT_LIMIT } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translator } from "~/i18n/i18n";
import { auditActionText, auditActorText, auditDetails, auditTargetText } from "~/lib/audit-text";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "company:read-audit");
  const deps = await appDeps();
  const events = await mapDomainErrors(() => listCompanyAuditEvents(deps, actor));
  const locale = await getLocale(request);
  const region = findRegion(deps, actor.regionCode);
  const timeZone = region?.timeZone ?? "UTC";
  return {
    title: translator(locale)("cabinet.audit.title"),
    regionName: region ? (locale === "en" ? region.nameEn : region.nameRu) : actor.regionCode,
    limited: events.length >= COMPANY_AUDIT_LIMIT,
    events: events.map((e) => ({
      id: e.id,
      at: formatRegionDateTime(e.at, timeZone),
      actorLabel: e.actorLabel,
      action: e.action,
      targetType: e.targetType,
      clientAddress: e.clientAddress,
      after: e.after,
    })),
  };
}

export default function CompanyAuditPage() {
  const t = useT();
  const { regionName, events, limited } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/cabinet">← {t("cabinet.audit.back")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("cabinet.audit.title")}</h1>
          <p className="lead">{t("cabinet.audit.lead", { region: regionName })}</p>
        </div>
      </div>
      {events.length === 0 ? (
        <p className="muted">{t("cabinet.audit.empty")}</p>
      ) : (
        <>
          {limited ? <p className="muted">{t("cabinet.audit.limited", { count: events.length })}</p> : null}
          <div className="table-wrap">
            <table className="data cards">
              <thead>
                <tr>
                  <th scope="col">{t("cabinet.audit.col.at")}</th>
                  <th scope="col">{t("cabinet.audit.col.who")}</th>
                  <th scope="col">{t("cabinet.audit.col.what")}</th>
                  <th scope="col">{t("cabinet.audit.col.object")}</th>
                  <th scope="col">{t("cabinet.audit.col.details")}</th>
                  <th scope="col">{t("cabinet.audit.col.address")}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{e.at}</td>
                    <td data-label={t("cabinet.audit.col.who")}>{auditActorText(t, e.actorLabel)}</td>
                    <td data-label={t("cabinet.audit.col.what")}>{auditActionText(t, e.action)}</td>
                    <td data-label={t("cabinet.audit.col.object")}>{auditTargetText(t, e.targetType)}</td>
                    <td>
                      {auditDetails(t, e.after).map((line) => (
                        <div key={line}>{line}</div>
                      ))}
                    </td>
                    <td className="mono" data-label={t("cabinet.audit.col.address")}>
                      {e.clientAddress ?? "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
