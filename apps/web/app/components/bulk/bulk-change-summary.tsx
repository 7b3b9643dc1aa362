import { useT } from "~/root";
import type { BulkChangeView } from "./bulk-view";

/** Which lines were asked for, in words. */
function sourceText(t: ReturnType<typeof useT>, source: BulkChangeView["source"]): string {
  switch (source.kind) {
    case "lines":
      return source.dropped > 0 ? t("bulk.summary.source.linesDropped", { dropped: source.dropped }) : t("bulk.summary.source.lines");
    case "filter":
      return source.query.q ? t("bulk.summary.source.filterSearch", { q: source.query.q }) : t("bulk.summary.source.filter");
    case "department":
      return t("bulk.summary.source.department", { name: source.departmentName ?? "—" });
    case "list":
      return source.fileName ? t("bulk.summary.source.file", { file: source.fileName, count: source.entries }) : t("bulk.summary.source.numbers", { count: source.entries });
  }
}

/** What the change does: the target, where its lines came from, the totals, and the refusals by reason. */
export function BulkChangeSummary({ change }: { change: BulkChangeView }) {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="bulk-summary-title">
      <h2 id="bulk-summary-title">{change.status === "done" ? t("bulk.summary.titleDone") : t("bulk.summary.title")}</h2>
      <dl className="facts" data-testid="bulk-summary">
        <dt>{t("bulk.summary.source")}</dt>
        <dd>{sourceText(t, change.source)}</dd>
        <dt>{t("bulk.summary.tariff")}</dt>
        <dd>{change.tariff ?? t("bulk.summary.tariffKept")}</dd>
        {change.servicesOn.length > 0 ? (
          <>
            <dt>{t("bulk.summary.servicesOn")}</dt>
            <dd>{change.servicesOn.join(", ")}</dd>
          </>
        ) : null}
        {change.servicesOff.length > 0 ? (
          <>
            <dt>{t("bulk.summary.servicesOff")}</dt>
            <dd>{change.servicesOff.join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("bulk.summary.changing")}</dt>
        <dd data-testid="bulk-change-count">{change.changeCountText}</dd>
        <dt>{t("bulk.summary.feeBefore")}</dt>
        <dd>{change.feeBefore}</dd>
        <dt>{t("bulk.summary.feeAfter")}</dt>
        <dd>{change.feeAfter}</dd>
        <dt>{t("bulk.summary.difference")}</dt>
        <dd>
          <strong>{change.difference}</strong> {t("bulk.summary.perMonth")}
        </dd>
        <dt>{t("bulk.summary.refused")}</dt>
        <dd data-testid="bulk-refused-count">
          {change.refusedCountText}
          {change.refusalsByReason.length > 0 ? ` (${change.refusalsByReason.map((r) => `${t(`bulk.reason.${r.reason}` as never)}: ${r.count}`).join("; ")})` : null}
        </dd>
      </dl>
      <p className="actions">
        <a href={`/cabinet/bulk/${change.id}.csv`} className="button button-quiet" download>
          {t("bulk.report.csv")}
        </a>
        <a href={`/cabinet/bulk/${change.id}.xlsx`} className="button button-quiet" download>
          {t("bulk.report.xlsx")}
        </a>
      </p>
    </section>
  );
}
