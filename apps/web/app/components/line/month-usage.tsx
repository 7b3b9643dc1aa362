import { useLocale, useT } from "~/root";
import { formatCount, formatRoubles } from "~/lib/money";
import type { MonthView } from "./line-view";

/** This billing month so far (the region's calendar): what is left of the tariff's allowances, and spending. */
export function MonthUsage({ month }: { month: MonthView }) {
  const t = useT();
  const locale = useLocale();
  const mb = (kb: number) => Math.floor(kb / 1024);
  const rows = [
    { key: "minutes", label: t("line.month.minutes"), left: month.remaining.minutes, included: month.included.minutes },
    { key: "sms", label: t("line.month.sms"), left: month.remaining.sms, included: month.included.sms },
    { key: "mb", label: t("line.month.mb"), left: mb(month.remaining.dataKb), included: mb(month.included.dataKb) },
  ];
  return (
    <section className="panel" aria-labelledby="line-month-title">
      <h2 id="line-month-title">{t("line.month.title", { month: month.billingMonth })}</h2>
      <table className="data" aria-labelledby="line-month-title">
        <thead>
          <tr>
            <th scope="col">{t("line.month.col.what")}</th>
            <th scope="col" className="num">
              {t("line.month.col.left")}
            </th>
            <th scope="col" className="num">
              {t("line.month.col.included")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`remaining-${row.key}`}>
              <th scope="row">{row.label}</th>
              {row.included === 0 ? (
                <td className="num muted" colSpan={2}>
                  {t("line.month.notIncluded")}
                </td>
              ) : (
                <>
                  <td className="num">{formatCount(row.left, locale)}</td>
                  <td className="num">{formatCount(row.included, locale)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        {t("line.month.spending")} <strong data-testid="month-spending">{formatRoubles(month.spending, locale)}</strong>
      </p>
      <p className="muted">{month.ratedThrough ? t("line.month.ratedThrough", { at: month.ratedThrough }) : t("line.month.noUsage")}</p>
    </section>
  );
}
