import type { SpendingReportLabels } from "@cabinet/domain";
import { type Locale, translator } from "~/i18n/i18n";

/** The words of the spending report's files in the reader's language (the numbers keep Russian Excel's decimal comma). */
export function spendingReportLabels(locale: Locale): SpendingReportLabels {
  const t = translator(locale);
  return {
    number: t("reports.file.number"),
    employee: t("reports.file.employee"),
    department: t("reports.file.department"),
    lineCount: t("reports.file.lineCount"),
    calls: t("reports.file.calls"),
    sms: t("reports.file.sms"),
    data: t("reports.file.data"),
    roaming: t("reports.file.roaming"),
    total: t("reports.file.total"),
    previous: t("reports.file.previous"),
    difference: t("reports.file.difference"),
    percent: t("reports.file.percent"),
    companyPays: t("reports.file.companyPays"),
    employeePays: t("reports.file.employeePays"),
    allLines: t("reports.allLines"),
    noDepartment: t("reports.noDepartment"),
    departmentsSheet: t("reports.file.departmentsSheet"),
    linesSheet: t("reports.file.linesSheet"),
  };
}
