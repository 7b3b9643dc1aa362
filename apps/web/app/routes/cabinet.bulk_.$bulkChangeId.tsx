import {
  type BulkChangeLineRow,
  cancelBulkChange,
  DomainError,
  findRegion,
  formatMsisdn,
  formatRegionDate,
  formatRegionDateTime,
  getBulkChange,
  listBulkChangeLines,
  repreviewBulkChange,
  submitBulkChange,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { BulkChangeActions } from "~/components/bulk/bulk-change-actions";
import { BulkChangeSummary } from "~/components/bulk/bulk-change-summary";
import { BulkLinesTable } from "~/components/bulk/bulk-lines-table";
import { REFRESH_SECONDS } from "~/components/bulk/bulk-view";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { bulkApplyFormSchema, bulkCancelFormSchema, bulkChangeIntentSchema, bulkChangePageQuerySchema, bulkRepreviewFormSchema } from "~/forms/bulk-forms";
import { type FieldError, parseForm } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { formatCount, formatRoubles } from "~/lib/money";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps, pokeJobs } from "~/server/context.server";
import { bulkChangeIdParam } from "~/server/bulk-report.server";
import { mapDomainErrors, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "" },
  // The page's own address, without a #fragment: a refresh to a fragment would only scroll.
  ...(data?.change.inProgress ? [{ httpEquiv: "refresh", content: `${REFRESH_SECONDS};url=/cabinet/bulk/${data.change.id}` }] : []),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const bulkChangeId = bulkChangeIdParam(params.bulkChangeId);
  const url = new URL(request.url);
  const query = bulkChangePageQuerySchema.parse(Object.fromEntries(url.searchParams));
  const deps = await appDeps();
  const { change, changes, refused } = await mapDomainErrors(() => ({
    change: getBulkChange(deps, actor, bulkChangeId),
    changes: listBulkChangeLines(deps, actor, { bulkChangeId, list: "changes", page: query.page }),
    refused: listBulkChangeLines(deps, actor, { bulkChangeId, list: "refused", page: query.refusedPage }),
  }));
  const locale = await getLocale(request);
  const en = locale === "en";
  const timeZone = findRegion(deps, actor.regionCode)?.timeZone ?? "UTC";
  const name = (item: { nameRu: string; nameEn: string } | null) => (item == null ? "" : en ? item.nameEn : item.nameRu);
  const money = (kopecks: number | null) => (kopecks == null ? "" : formatRoubles(kopecks, locale));
  const row = (line: BulkChangeLineRow) => ({
    seq: line.seq,
    sourceRow: line.sourceRow,
    lineId: line.lineId,
    number: line.msisdn ? formatMsisdn(line.msisdn) : (line.input ?? ""),
    employeeName: line.employeeName,
    tariffBefore: name(line.tariffBefore),
    tariffAfter: name(line.tariffAfter),
    servicesBefore: line.servicesBefore.map(name),
    servicesAfter: line.servicesAfter.map(name),
    feeBefore: money(line.feeBefore),
    feeAfter: money(line.feeAfter),
    difference: line.feeAfter != null && line.feeBefore != null ? signed(line.feeAfter - line.feeBefore, locale) : "",
    refusal: line.refusal,
    refusalService: line.refusalService ? name(line.refusalService) : null,
  });
  const at = (date: Date | null) => (date ? formatRegionDateTime(date, timeZone) : null);
  return {
    title: translator(locale)("bulk.change.title", { id: change.id }),
    change: {
      id: change.id,
      status: change.status,
      inProgress: change.status === "queued" || change.status === "running",
      createdAt: at(change.createdAt) as string,
      author: change.author.displayName || change.author.login,
      source: change.source,
      tariff: change.tariff ? name(change.tariff) : null,
      servicesOn: change.servicesOn.map(name),
      servicesOff: change.servicesOff.map(name),
      changeCount: change.changeCount,
      changeCountText: formatCount(change.changeCount, locale),
      refusedCountText: formatCount(change.refusedCount, locale),
      feeBefore: money(change.feeBefore),
      feeAfter: money(change.feeAfter),
      difference: signed(change.feeAfter - change.feeBefore, locale),
      refusalsByReason: Object.entries(change.refusalsByReason).map(([reason, count]) => ({ reason, count: formatCount(count as number, locale) })),
      effective: change.effective,
      runAfter: at(change.runAfter),
      progress: change.progress ? { done: change.progress.done, total: change.progress.total ?? change.changeCount } : null,
      jobError: change.jobError,
      appliedAt: at(change.appliedAt),
      finishedAt: at(change.finishedAt),
      refusal: change.refusal ? { msisdn: formatMsisdn(change.refusal.msisdn) } : null,
      nextMonthStart: formatRegionDate(change.nextMonthStart, timeZone),
    },
    changes: { ...changes, lines: changes.lines.map(row) },
    refused: { ...refused, lines: refused.lines.map(row) },
    query,
  };
}

/** A fee difference with its sign: `+150,00 ₽`, `−50,00 ₽`. */
function signed(kopecks: number, locale: string): string {
  if (kopecks === 0) return formatRoubles(0, locale);
  return `${kopecks > 0 ? "+" : "−"}${formatRoubles(Math.abs(kopecks), locale)}`;
}

/**
 * Three forms: apply (now or from the next billing month: a job), cancel a scheduled change, and a
 * new preview of the same lines (after a refusal for a line changed meanwhile). Each redirects back.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const form = await readTrustedForm(request);
  const bulkChangeId = bulkChangeIdParam(params.bulkChangeId);
  const deps = await appDeps();
  // Another company's (or no) bulk change is a 404 before anything else.
  await mapDomainErrors(() => getBulkChange(deps, actor, bulkChangeId));
  const chosen = parseForm(form, bulkChangeIntentSchema);
  const intent = chosen.status === "success" ? chosen.value.intent : null;
  const back = () => redirect(`/cabinet/bulk/${bulkChangeId}`);

  if (intent === "apply") {
    const submission = parseForm(form, bulkApplyFormSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply(), refusal: null }, { status: 400 });
    return refusals(intent, async () => {
      submitBulkChange(deps, actor, { bulkChangeId, effective: submission.value.effective });
      await pokeJobs();
      return back();
    });
  }
  if (intent === "cancel") {
    const submission = parseForm(form, bulkCancelFormSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply(), refusal: null }, { status: 400 });
    return refusals(intent, () => {
      cancelBulkChange(deps, actor, { bulkChangeId });
      return back();
    });
  }
  if (intent === "repreview") {
    const submission = parseForm(form, bulkRepreviewFormSchema);
    if (submission.status !== "success") return data({ intent, result: submission.reply(), refusal: null }, { status: 400 });
    return refusals(intent, () => redirect(`/cabinet/bulk/${repreviewBulkChange(deps, actor, { bulkChangeId }).bulkChangeId}`));
  }
  return data({ intent: null, result: null, refusal: null }, { status: 400 });
}

/** A refusal with a reason (changed meanwhile, already submitted, already started) as the page's message: 400 or 409. */
function refusals(intent: string, work: () => Response | Promise<Response>) {
  return mapDomainErrors(async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DomainError && (error.code === "invalid" || error.code === "conflict") && error.fieldErrors) {
        const [refusal] = Object.values(error.fieldErrors);
        return data({ intent, result: null, refusal: (refusal ?? null) as FieldError | null }, { status: error.code === "conflict" ? 409 : 400 });
      }
      throw error;
    }
  });
}

export default function BulkChangePage() {
  const t = useT();
  const { change, changes, refused, query } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <>
      <CabinetNav />
      <p className="breadcrumb">
        <Link to="/cabinet/bulk/jobs">← {t("bulk.jobs.title")}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{t("bulk.change.title", { id: change.id })}</h1>
          <p className="lead">{t("bulk.change.lead", { at: change.createdAt, author: change.author })}</p>
        </div>
        <span className={`badge badge-large ${change.status === "done" ? "badge-ok" : change.status === "failed" ? "badge-bad" : ""}`}>{t(`bulk.status.${change.status}`)}</span>
      </div>
      <BulkChangeActions change={change} answer={answer ?? null} />
      <BulkChangeSummary change={change} />
      <BulkLinesTable id="changes" title={t(change.status === "done" ? "bulk.changes.titleDone" : "bulk.changes.title", { count: change.changeCountText })} list={changes} pageParam="page" query={query} changeId={change.id} />
      <BulkLinesTable id="refused" title={t("bulk.refused.title", { count: change.refusedCountText })} list={refused} pageParam="refusedPage" query={query} changeId={change.id} />
    </>
  );
}
