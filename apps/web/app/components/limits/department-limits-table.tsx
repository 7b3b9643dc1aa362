import { Link } from "@remix-run/react";
import { useT } from "~/root";
import type { LimitValueView } from "./limit-view";

export interface DepartmentLimitView {
  departmentId: number | null;
  name: string | null;
  limit: LimitValueView | null;
  lines: string;
  linesWithLimit: string;
  limitsSum: string;
  spent: string;
  employeePaid: string;
  hasEmployeePaid: boolean;
}

/** Per department: its own limit (set or changed on its page), how many lines have a limit, the sums of limits and of spending. */
export function DepartmentLimitsTable({ departments }: { departments: DepartmentLimitView[] }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="data cards department-limits" data-testid="department-limits">
        <thead>
          <tr>
            <th scope="col">{t("limits.col.department")}</th>
            <th scope="col">{t("limits.col.departmentLimit")}</th>
            <th scope="col" className="num">
              {t("limits.col.lines")}
            </th>
            <th scope="col" className="num">
              {t("limits.col.withLimit")}
            </th>
            <th scope="col" className="num">
              {t("limits.col.limitsSum")}
            </th>
            <th scope="col" className="num">
              {t("limits.col.monthSpent")}
            </th>
            <th scope="col" className="num">
              {t("limits.col.employeePaid")}
            </th>
          </tr>
        </thead>
        <tbody>
          {departments.map((d) => {
            const name = d.name ?? t("limits.departments.noDepartment");
            return (
              <tr key={d.departmentId ?? "none"}>
                <th scope="row">{name}</th>
                <td data-label={t("limits.col.departmentLimit")}>
                  {d.limit ? (
                    <>
                      <span className="nowrap">{d.limit.amount}</span>
                      {d.limit.until ? <span className="muted small"> {t("limits.temporary", { date: d.limit.until })}</span> : null}{" "}
                      <span className="muted small">· {t(`limits.policyShort.${d.limit.policy}`)}</span>
                    </>
                  ) : (
                    <span className="muted">{t("limits.departments.none")}</span>
                  )}
                  {d.departmentId != null ? (
                    <>
                      {" "}
                      <Link to={`/cabinet/limits/departments/${d.departmentId}`}>
                        {d.limit ? t("limits.departments.change") : t("limits.departments.set")}
                        <span className="visually-hidden"> {t("limits.departments.changeNamed", { name })}</span>
                      </Link>
                    </>
                  ) : null}
                </td>
                <td data-label={t("limits.col.lines")} className="num">
                  {d.lines}
                </td>
                <td data-label={t("limits.col.withLimit")} className="num">
                  {d.linesWithLimit}
                </td>
                <td data-label={t("limits.col.limitsSum")} className="num nowrap">
                  {d.limitsSum}
                </td>
                <td data-label={t("limits.col.monthSpent")} className="num nowrap">
                  {d.spent}
                </td>
                <td data-label={t("limits.col.employeePaid")} className="num nowrap">
                  {d.hasEmployeePaid ? d.employeePaid : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
