import { findRegion, formatMsisdn, formatRegionDateTime, listSentSms } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { devSmsOutboxEnabled } from "~/server/dev-sms.server";
import { notFound } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** Development stand-in for a phone: the SMS the portal sent. Gone when a real gateway is set up. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "office:view-sms-outbox");
  if (!devSmsOutboxEnabled()) notFound();
  const deps = await appDeps();
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? "UTC";
  const messages = listSentSms(deps, actor).map((m) => ({
    id: m.id,
    to: formatMsisdn(m.to),
    text: m.text,
    status: m.status,
    at: formatRegionDateTime(m.sentAt ?? m.createdAt, timeZone),
  }));
  return { title: translator(await getLocale(request))("sms.title"), messages };
}

export default function SmsOutboxPage() {
  const t = useT();
  const { messages } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t("sms.title")}</h1>
          <p className="lead">{t("sms.lead")}</p>
        </div>
        <Link to="/dev/sms" className="button button-quiet button-small" reloadDocument>
          {t("sms.refresh")}
        </Link>
      </div>
      {messages.length === 0 ? (
        <p className="muted">{t("sms.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards">
            <thead>
              <tr>
                <th scope="col">{t("sms.col.time")}</th>
                <th scope="col">{t("sms.col.to")}</th>
                <th scope="col">{t("sms.col.text")}</th>
                <th scope="col">{t("sms.col.status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id} data-testid="sms">
                  <td className="nowrap">{m.at}</td>
                  <td className="nowrap" data-testid="sms-to" data-label={t("sms.col.to")}>
                    {m.to}
                  </td>
                  <td className="sms-text" data-testid="sms-text">
                    {m.text}
                  </td>
                  <td data-label={t("sms.col.status")}>
                    <span className={`badge ${m.status === "sent" ? "badge-ok" : m.status === "failed" ? "badge-bad" : "badge-warn"}`}>
                      {t(`sms.status.${m.status}`)}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
