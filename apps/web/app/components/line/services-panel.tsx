import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "~/components/csrf-field";
import { fieldErrorMessage } from "~/i18n/i18n";
import { useLocale, useT } from "~/root";
import { formatRoubles } from "~/lib/money";
import type { LineView, ServiceView } from "./line-view";

/**
 * The services the line's tariff allows, each with its fee and its own small form: one button
 * switches it on or off, one audited change.
 */
export function ServicesPanel({ line, services, refused }: { line: LineView; services: ServiceView[]; refused: string | null }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "service";
  return (
    <section className="panel" aria-labelledby="line-services-title" id="services">
      <h2 id="line-services-title">{t("line.services.title")}</h2>
      {refused ? (
        <p className="notice notice-bad" role="alert">
          {fieldErrorMessage(t, { code: refused })}
        </p>
      ) : null}
      {services.length === 0 ? (
        <p className="muted">{t("line.services.none")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards" aria-labelledby="line-services-title">
            <thead>
              <tr>
                <th scope="col">{t("line.services.col.service")}</th>
                <th scope="col" className="num">
                  {t("line.services.col.fee")}
                </th>
                <th scope="col">{t("line.services.col.state")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("line.services.col.action")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.id} data-testid={`service-${service.id}`}>
                  <td>
                    <strong>{service.name}</strong>
                    <div className="muted">{service.description}</div>
                  </td>
                  <td className="num nowrap" data-label={t("line.services.col.fee")}>
                    {formatRoubles(service.monthlyFee, locale)}
                  </td>
                  <td data-label={t("line.services.col.state")}>
                    <span className={`badge ${service.on ? "badge-ok" : "badge-neutral"}`}>{t(service.on ? "line.services.on" : "line.services.off")}</span>
                  </td>
                  <td>
                    <Form method="post" preventScrollReset>
                      <CsrfField />
                      <input type="hidden" name="intent" value="service" />
                      <input type="hidden" name="version" value={line.version} />
                      <input type="hidden" name="serviceId" value={service.id} />
                      <input type="hidden" name="switchTo" value={service.on ? "off" : "on"} />
                      <button
                        type="submit"
                        className={`button button-small${service.on ? " button-quiet" : ""}`}
                        disabled={busy}
                        aria-label={t(service.on ? "line.services.switchOffNamed" : "line.services.switchOnNamed", { name: service.name })}
                      >
                        {t(service.on ? "line.services.switchOff" : "line.services.switchOn")}
                      </button>
                    </Form>
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
