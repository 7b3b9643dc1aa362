import { formatMsisdn, formatRegionDateTime, getSavingsAdvice } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { CsrfField } from "~/components/csrf-field";
import { parseForm } from "~/forms/form-schema";
import { savingsFilterSchema, savingsSearch } from "~/forms/savings-form";
import { translator } from "~/i18n/i18n";
import { adviceMonthsLabel } from "~/lib/advice-months";
import { formatCount, formatRoubles } from "~/lib/money";
import { useLocale, useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps, pokeJobs } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

/** While a large company's advice is computed by its job, the page reloads itself this often (no JavaScript needed). */
const REFRESH_SECONDS = 5;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "" },
  // The page's own address with its filter, without a #fragment: a refresh to a fragment would only scroll.
  ...(data?.computing ? [{ httpEquiv: "refresh", content: `${REFRESH_SECONDS};url=${data.computing.address}` }] : []),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const parsed = parseForm(new URL(request.url).searchParams, savingsFilterSchema);
  const filter = parsed.status === "success" ? parsed.value : { tariff: undefined, page: 1 };
  const deps = await appDeps();
  const advice = await mapDomainErrors(() => getSavingsAdvice(deps, actor, { page: filter.page, tariffId: filter.tariff }));
  // A large company's re-rating was handed to the job runner (or is already under way there).
  if (advice.status === "computing") await pokeJobs();
  const locale = await getLocale(request);
  const name = (tariff: { nameRu: string; nameEn: string }) => (locale === "en" ? tariff.nameEn : tariff.nameRu);
  return {
    title: translator(locale)("savings.title"),
    computing:
      advice.status === "computing"
        ? {
            lines: formatCount(advice.liveLines, locale),
            address: `/cabinet/savings${savingsSearch({ tariff: filter.tariff, page: filter.page })}`,
            staleAt: advice.computedAt ? formatRegionDateTime(advice.computedAt, advice.timeZone) : null,
          }
        : null,
    // No figures yet (the first computation of a large company): nothing but the notice.
    hasFigures: advice.computedAt !== null,
    months: advice.months.length > 0 ? adviceMonthsLabel(advice.months, locale) : "",
    totalMonthlySaving: advice.totalMonthlySaving,
    advisedLines: advice.advisedLines,
    linesCompared: advice.linesCompared,
    groups: advice.groups.map((g) => ({ tariffId: g.tariff.id, name: name(g.tariff), monthlyFee: g.tariff.monthlyFee, lines: g.lines, monthlySaving: g.monthlySaving })),
    tariff: advice.tariffId,
    page: advice.page,
    pageCount: advice.pageCount,
    total: advice.total,
    lines: advice.lines.map((line) => ({
      id: line.lineId,
      msisdn: formatMsisdn(line.msisdn),
      employeeName: line.employeeName,
      current: line.currentTariff ? name(line.currentTariff) : null,
      recommendedId: line.recommendedTariff.id,
      recommended: name(line.recommendedTariff),
      actualMonthly: line.actualMonthly,
      recommendedMonthly: line.recommendedMonthly,
      monthlySaving: line.monthlySaving,
    })),
  };
}

const groupFormId = (tariffId: number) => `savings-change-${tariffId}`;

export default function SavingsPage() {
  const t = useT();
  const locale = useLocale();
  const { computing, hasFigures, months, totalMonthlySaving, advisedLines, linesCompared, groups, tariff, page, pageCount, total, lines } = useLoaderData<typeof loader>();
  const money = (kopecks: number) => formatRoubles(kopecks, locale);
  const shownGroup = groups.find((g) => g.tariffId === tariff);
  // The groups with a line on this page: each gets its own form, which the page's checkboxes join by their `form` attribute.
  const groupsOnPage = groups.filter((g) => lines.some((line) => line.recommendedId === g.tariffId));
  const pageLink = (p: number) => `/cabinet/savings${savingsSearch({ tariff, page: p })}`;
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("savings.title")}</h1>
          {hasFigures ? <p className="lead">{t("savings.how", { months })}</p> : null}
        </div>
      </div>

      {computing ? (
        <div className="notice" role="status" data-testid="savings-computing">
          <p>{t("savings.computing", { lines: computing.lines })}</p>
          {computing.staleAt ? <p>{t("savings.stale", { at: computing.staleAt })}</p> : null}
          <p>
            <Link to={computing.address}>{t("savings.refresh")}</Link>
          </p>
        </div>
      ) : null}

      {hasFigures ? (
        <section className="panel" aria-labelledby="savings-total">
          <h2 id="savings-total">{t("savings.total", { amount: money(totalMonthlySaving) })}</h2>
          <p>{t("savings.totalDetail", { advised: formatCount(advisedLines, locale), compared: formatCount(linesCompared, locale) })}</p>
        </section>
      ) : null}

      {!hasFigures ? null : groups.length === 0 ? (
        <p>{t("savings.none")}</p>
      ) : (
        <>
          <h2>{t("savings.groups")}</h2>
          <div className="table-wrap">
            <table className="data cards">
              <thead>
                <tr>
                  <th scope="col">{t("savings.col.tariff")}</th>
                  <th scope="col" className="num">
                    {t("savings.col.fee")}
                  </th>
                  <th scope="col" className="num">
                    {t("savings.col.lines")}
                  </th>
                  <th scope="col" className="num">
                    {t("savings.col.saving")}
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">{t("savings.showGroup")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {groups.map((g) => (
                  <tr key={g.tariffId}>
                    <th scope="row">{g.name}</th>
                    <td className="num nowrap" data-label={t("savings.col.fee")}>
                      {money(g.monthlyFee)}
                    </td>
                    <td className="num" data-label={t("savings.col.lines")}>
                      {formatCount(g.lines, locale)}
                    </td>
                    <td className="num nowrap" data-label={t("savings.col.saving")}>
                      {money(g.monthlySaving)}
                    </td>
                    <td>
                      {g.tariffId === tariff ? (
                        <span aria-current="true">{t("savings.showGroup")}</span>
                      ) : (
                        <Link to={`/cabinet/savings${savingsSearch({ tariff: g.tariffId })}`} aria-label={`${t("savings.showGroup")}: ${g.name}`}>
                          {t("savings.showGroup")}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          <h2 id="savings-list">
            {t("savings.list")} <span className="muted">({formatCount(total, locale)})</span>
          </h2>
          {shownGroup ? (
            <p role="status">
              {t("savings.groupShown", { tariff: shownGroup.name })} <Link to="/cabinet/savings">{t("savings.showAll")}</Link>
            </p>
          ) : null}
          <div className="table-wrap">
            <table className="data cards" aria-labelledby="savings-list">
              <thead>
                <tr>
                  <th scope="col" className="select-col">
                    <span className="visually-hidden">{t("savings.col.choose")}</span>
                  </th>
                  <th scope="col">{t("savings.col.number")}</th>
                  <th scope="col">{t("savings.col.employee")}</th>
                  <th scope="col">{t("savings.col.current")}</th>
                  <th scope="col">{t("savings.col.recommended")}</th>
                  <th scope="col" className="num">
                    {t("savings.col.actual")}
                  </th>
                  <th scope="col" className="num">
                    {t("savings.col.would")}
                  </th>
                  <th scope="col" className="num">
                    {t("savings.col.saving")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {lines.map((line) => (
                  <tr key={line.id}>
                    <td className="select-col">
                      <input
                        type="checkbox"
                        name="lineId"
                        value={line.id}
                        form={groupFormId(line.recommendedId)}
                        defaultChecked
                        aria-label={t("savings.choose", { number: line.msisdn })}
                      />
                    </td>
                    <td className="nowrap">
                      <Link to={`/cabinet/lines/${line.id}`} className="mono">
                        {line.msisdn}
                      </Link>
                    </td>
                    <td data-label={t("savings.col.employee")}>{line.employeeName ?? <span className="muted">{t("savings.noEmployee")}</span>}</td>
                    <td data-label={t("savings.col.current")}>{line.current ?? <span className="muted">{t("savings.archivedTariff")}</span>}</td>
                    <td data-label={t("savings.col.recommended")}>{line.recommended}</td>
                    <td className="num nowrap" data-label={t("savings.col.actual")}>
                      {money(line.actualMonthly)}
                    </td>
                    <td className="num nowrap" data-label={t("savings.col.would")}>
                      {money(line.recommendedMonthly)}
                    </td>
                    <td className="num nowrap" data-label={t("savings.col.saving")}>
                      <strong>{money(line.monthlySaving)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>

          {pageCount > 1 ? (
            <nav className="pagination" aria-label={t("savings.pagination")}>
              <ul>
                <li>{page > 1 ? <Link to={pageLink(page - 1)} rel="prev">{t("savings.page.prev")}</Link> : <span aria-disabled="true">{t("savings.page.prev")}</span>}</li>
                <li>
                  <span aria-current="page">{t("savings.page", { page, pages: pageCount })}</span>
                </li>
                <li>{page < pageCount ? <Link to={pageLink(page + 1)} rel="next">{t("savings.page.next")}</Link> : <span aria-disabled="true">{t("savings.page.next")}</span>}</li>
              </ul>
            </nav>
          ) : null}

          <section className="selection-bar panel" aria-labelledby="savings-change">
            <h2 id="savings-change">{t("savings.change.title")}</h2>
            <p className="muted small">{t("savings.change.hint")}</p>
            <div className="actions">
              {groupsOnPage.map((g) => (
                // A plain form: it works without JavaScript, and the ticked boxes of its group join it by their `form` attribute.
                <form key={g.tariffId} id={groupFormId(g.tariffId)} method="post" action="/cabinet/bulk">
                  <CsrfField />
                  <input type="hidden" name="source" value="lines" />
                  <input type="hidden" name="tariffId" value={g.tariffId} />
                  <button type="submit" className="button">
                    {t("savings.change.button", { tariff: g.name })}
                  </button>
                </form>
              ))}
            </div>
          </section>
        </>
      )}
    </>
  );
}
