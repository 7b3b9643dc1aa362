import {
  formatMsisdn,
  type LineListQuery,
  type LineSelection,
  listCompanyLines,
  resolveLineSelection,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { LinesFilterForm } from "~/components/cabinet/lines-filter";
import { LinesPagination } from "~/components/cabinet/lines-pagination";
import { LinesSelectionForm } from "~/components/cabinet/lines-selection-form";
import { LinesTable } from "~/components/cabinet/lines-table";
import { formatCount, formatRoubles } from "~/lib/money";
import { parseForm } from "~/forms/form-schema";
import {
  type LinesFilter,
  lineSelectionFormSchema,
  linesFilterFormSchema,
  linesFilterListsOnly,
  linesFilterSearch,
  selectionNoticeSchema,
} from "~/forms/lines-filter-form";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** The page's filter as the domain's query. */
function toQuery(filter: LinesFilter): LineListQuery {
  return {
    q: filter.q,
    status: filter.status,
    tariffId: filter.tariff,
    departmentId: filter.department,
    sort: filter.sort,
    direction: filter.dir,
    page: filter.page,
  };
}

/** "ноябрь 2026 г." / "November 2026" of a yyyymm billing month. */
function monthName(billingMonth: number, locale: string): string {
  const at = Date.UTC(Math.floor(billingMonth / 100), (billingMonth % 100) - 1, 1);
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "ru-RU", { month: "long", year: "numeric", timeZone: "UTC" }).format(at);
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const url = new URL(request.url);
  const submission = parseForm(url.searchParams, linesFilterFormSchema);
  // A search over its limit gets its field message; the lists and the page still apply.
  const asked: LinesFilter = submission.status === "success" ? submission.value : { ...linesFilterListsOnly.parse(Object.fromEntries(url.searchParams)), q: undefined };
  const deps = await appDeps();
  const result = await mapDomainErrors(() => listCompanyLines(deps, actor, toQuery(asked)));
  const locale = await getLocale(request);
  const en = locale === "en";
  const filter: LinesFilter = { ...asked, page: result.page };
  const notice = selectionNoticeSchema.parse(Object.fromEntries(url.searchParams));
  const body = {
    title: translator(locale)("lines.title"),
    filter,
    lastResult: submission.status === "success" ? null : submission.reply(),
    total: result.total,
    totalText: formatCount(result.total, locale),
    page: result.page,
    pageCount: result.pageCount,
    month: monthName(result.billingMonth, locale),
    lines: result.lines.map((line) => ({
      id: line.id,
      msisdn: formatMsisdn(line.msisdn),
      employeeName: line.employeeName,
      department: line.department?.name ?? null,
      tariff: en ? line.tariff.nameEn : line.tariff.nameRu,
      status: line.status,
      spending: formatRoubles(line.monthSpending, locale),
    })),
    tariffs: result.tariffs.map((tariff) => ({ id: tariff.id, name: en ? tariff.nameEn : tariff.nameRu })),
    departments: result.departments,
    selection: notice.selected === undefined ? null : { selected: formatCount(notice.selected, locale), dropped: notice.dropped ?? 0 },
  };
  return submission.status === "success" ? body : data(body, { status: 400 });
}

/**
 * Selecting lines for a bulk change: the ticked ones (resolved by the domain into the company's own
 * lines) or all lines matching the filter (kept as the filter), carried to the bulk change's page
 * in its URL (`?scope=lines&line=…` or `?scope=filter&q=…`), where the administrator says what to change.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const form = await readTrustedForm(request);
  const submission = parseForm(form, lineSelectionFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const { scope, line, ...filter } = submission.value;
  const search = new URLSearchParams({ scope });
  if (scope === "filter") {
    for (const [name, value] of new URLSearchParams(linesFilterSearch({ q: filter.q, status: filter.status, tariff: filter.tariff, department: filter.department }))) search.set(name, value);
  } else {
    const deps = await appDeps();
    const selection: LineSelection = { kind: "lines", lineIds: line };
    const resolved = await mapDomainErrors(() => resolveLineSelection(deps, actor, selection));
    for (const id of resolved.lineIds) search.append("line", String(id));
  }
  return redirect(`/cabinet/bulk?${search}`);
}

export default function LinesPage() {
  const t = useT();
  const { filter, lastResult, total, totalText, page, pageCount, month, lines, tariffs, departments, selection } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const filtered = !!filter.q || filter.status !== "all" || filter.tariff !== undefined || filter.department !== undefined;
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("lines.title")}</h1>
          <p className="lead">{t("lines.lead")}</p>
        </div>
        {total > 0 ? (
          <div className="actions head-actions">
            {/* Call details of the lines this filter shows (kept as the filter, like a selection). */}
            <Link to={`/cabinet/details?scope=filter&${linesFilterSearch({ q: filter.q, status: filter.status, tariff: filter.tariff, department: filter.department }).slice(1)}`} className="button button-quiet button-small">
              {t("details.fromLines", { count: totalText })}
            </Link>
          </div>
        ) : null}
      </div>
      <LinesFilterForm filter={filter} lastResult={lastResult} tariffs={tariffs} departments={departments} />
      {selection ? (
        <div className="notice notice-ok" role="status">
          <p>{t("lines.selection.done", { count: selection.selected })}</p>
          {selection.dropped > 0 ? <p>{t("lines.selection.dropped", { count: selection.dropped })}</p> : null}
          <p className="muted">{t("lines.selection.soon")}</p>
        </div>
      ) : null}
      <p className="muted lines-count" role="status">
        {total > 0 ? (
          <>
            {t("lines.found", { count: totalText })}
            {pageCount > 1 ? ` · ${t("lines.pageOf", { page, pages: pageCount })}` : null}
            {` · ${t("lines.monthNote", { month })}`}
          </>
        ) : filtered ? (
          t("lines.emptyFilter")
        ) : (
          t("lines.empty")
        )}
      </p>
      {total === 0 && filtered ? (
        <p>
          <Link to="/cabinet/lines" className="button button-quiet">
            {t("lines.emptyFilter.reset")}
          </Link>
        </p>
      ) : null}
      {lines.length > 0 ? (
        <LinesSelectionForm filter={filter} totalText={totalText} lastResult={answer?.result ?? null}>
          {(lineError) => <LinesTable lines={lines} filter={filter} lineError={lineError} />}
        </LinesSelectionForm>
      ) : null}
      <LinesPagination filter={filter} page={page} pageCount={pageCount} />
    </>
  );
}
