import type { SpendingChange, SpendingFigures } from "@cabinet/domain";
import { formatRoubles } from "~/lib/money";
import { useLocale, useT } from "~/root";
import { Change } from "./category-spending";
import type { ReportMonths } from "./report-totals";

/** The money columns' headers, the same in the departments' and the lines' tables. */
export function SpendingHeaders(props: { months: ReportMonths; split: boolean }) {
  const t = useT();
  const headers = [
    t("reports.category.calls"),
    t("reports.category.sms"),
    t("reports.category.data"),
    t("reports.category.roaming"),
    t("reports.col.total"),
    ...(props.split ? [t("reports.col.companyPays"), t("reports.col.employeePays")] : []),
    props.months.previous,
    t("reports.col.change"),
  ];
  return (
    <>
      {headers.map((header) => (
        <th key={header} scope="col" className="num">
          {header}
        </th>
      ))}
    </>
  );
}

/** One row's money: by kind, the total, who pays (under a split limit), the previous month and the change. */
export function SpendingCells(props: { current: SpendingFigures; previous: number; change: SpendingChange; months: ReportMonths; split: boolean }) {
  const t = useT();
  const locale = useLocale();
  const money = (kopecks: number) => formatRoubles(kopecks, locale);
  const { current } = props;
  const cells: [string, string][] = [
    [t("reports.category.calls"), money(current.calls)],
    [t("reports.category.sms"), money(current.sms)],
    [t("reports.category.data"), money(current.data)],
    [t("reports.category.roaming"), money(current.roaming)],
  ];
  return (
    <>
      {cells.map(([label, value]) => (
        <td key={label} className="num nowrap" data-label={label}>
          {value}
        </td>
      ))}
      <td className="num nowrap" data-label={t("reports.col.total")}>
        <strong>{money(current.total)}</strong>
      </td>
      {props.split ? (
        <>
          <td className="num nowrap" data-label={t("reports.col.companyPays")}>
            {money(current.total - current.employee)}
          </td>
          <td className="num nowrap" data-label={t("reports.col.employeePays")}>
            {money(current.employee)}
          </td>
        </>
      ) : null}
      <td className="num nowrap" data-label={props.months.previous}>
        {money(props.previous)}
      </td>
      <td className="num nowrap" data-label={t("reports.col.change")}>
        <Change change={props.change} current={current.total} />
      </td>
    </>
  );
}
