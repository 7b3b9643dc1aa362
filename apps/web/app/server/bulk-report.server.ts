import { type Actor, type BulkRefusalReason, bulkChangeReport, bulkRefusalReasons, type BulkReportTexts } from "@cabinet/domain";
import { translator, type Locale } from "~/i18n/i18n";
import { mapDomainErrors, notFound } from "./http.server";
import { appDeps } from "./context.server";

/** The bulk change report's words in the reader's language. */
export function bulkReportTexts(locale: Locale): BulkReportTexts {
  const t = translator(locale);
  return {
    locale,
    columns: [
      t("bulk.col.row"),
      t("bulk.col.number"),
      t("bulk.col.employee"),
      t("bulk.report.tariffBefore"),
      t("bulk.report.tariffAfter"),
      t("bulk.report.servicesBefore"),
      t("bulk.report.servicesAfter"),
      t("bulk.report.feeBefore"),
      t("bulk.report.feeAfter"),
      t("bulk.col.difference"),
      t("bulk.report.outcome"),
    ],
    outcomes: { changed: t("bulk.report.changed"), pending: t("bulk.report.pending"), notChanged: t("bulk.report.notChanged") },
    reasons: Object.fromEntries(bulkRefusalReasons.map((reason) => [reason, t(`bulk.reason.${reason}`)])) as Record<BulkRefusalReason, string>,
  };
}

/** A bulk change's report file for the actor (404 for another company's). */
export async function bulkReportFile(actor: Actor, bulkChangeId: number, format: "csv" | "xlsx", locale: Locale) {
  const deps = await appDeps();
  return mapDomainErrors(() => bulkChangeReport(deps, actor, { bulkChangeId, format, texts: bulkReportTexts(locale) }));
}

/** The numeric id in /cabinet/bulk/$bulkChangeId (and its reports); anything else is a 404. */
export function bulkChangeIdParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,14}$/.test(value)) notFound();
  return Number(value);
}
