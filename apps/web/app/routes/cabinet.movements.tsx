import { formatRegionDate, listMovementPage, type MovementKind } from "@cabinet/domain";
import { getFormProps } from "@conform-to/react";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { formatRoubles } from "~/lib/money";
import { InputField, SelectInput } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { dayInput, dayNumber, movementKindFilters, movementsFilterSchema } from "~/forms/employees-forms";
import { parseForm } from "~/forms/form-schema";
import { translator } from "~/i18n/i18n";
import { useLocale, useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const kindOnly = movementsFilterSchema.pick({ kind: true, page: true });

/** The filter of a movements URL; a bad date gets its message and the period falls back to this month. */
export function movementQueryOf(url: URL) {
  const filters = parseForm(url.searchParams, movementsFilterSchema);
  const value = filters.status === "success" ? filters.value : { ...kindOnly.parse(Object.fromEntries(url.searchParams)), from: undefined, to: undefined };
  return { filters, query: { fromDay: dayNumber(value.from), toDay: dayNumber(value.to), kind: value.kind, page: value.page } };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const url = new URL(request.url);
  const { filters, query } = movementQueryOf(url);
  const deps = await appDeps();
  const listing = await mapDomainErrors(() => listMovementPage(deps, actor, query));
  const locale = await getLocale(request);
  const body = {
    title: translator(locale)("movements.title"),
    lastResult: filters.status === "success" ? null : filters.reply(),
    shown: { from: dayInput(listing.query.fromDay), to: dayInput(listing.query.toDay), kind: listing.query.kind },
    page: listing.page,
    pageCount: listing.pageCount,
    total: listing.total,
    incoming: listing.incoming,
    outgoing: listing.outgoing,
    movements: listing.movements.map((m) => ({ ...m, date: formatRegionDate(new Date(m.occurredAt), listing.timeZone) })),
  };
  return filters.status === "success" ? body : data(body, { status: 400 });
}

function pageLink(shown: { from: string; to: string; kind: string }, page: number) {
  return `?${new URLSearchParams({ ...shown, page: String(page) })}`;
}

export default function MovementsPage() {
  const t = useT();
  const locale = useLocale();
  const { lastResult, shown, page, pageCount, total, incoming, outgoing, movements } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(movementsFilterSchema, { id: "movement-filters", lastResult, defaultValue: shown });
  return (
    <>
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("movements.title")}</h1>
          <p className="lead">{t("movements.lead")}</p>
        </div>
        <div className="actions head-actions">
          <a href={`/cabinet/movements.csv?${new URLSearchParams(shown)}`} className="button button-quiet button-small" download>
            {t("movements.export")}
          </a>
        </div>
      </div>
      <Form method="get" className="filters panel" role="search" aria-label={t("movements.filters")} {...getFormProps(form)}>
        <InputField field={fields.from} label={t("movements.from")} type="date" />
        <InputField field={fields.to} label={t("movements.to")} type="date" />
        <SelectInput field={fields.kind} label={t("movements.kind")}>
          {movementKindFilters.map((kind) => (
            <option key={kind} value={kind}>
              {t(`movements.kind.${kind}`)}
            </option>
          ))}
        </SelectInput>
        <div className="filters-buttons">
          <button type="submit" className="button">
            {t("movements.show")}
          </button>
        </div>
      </Form>
      <p role="status">{t("movements.totals", { count: total, incoming: formatRoubles(incoming, locale), outgoing: formatRoubles(outgoing, locale) })}</p>
      {movements.length === 0 ? (
        <p className="muted">{t("movements.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards">
            <thead>
              <tr>
                <th scope="col">{t("movements.col.date")}</th>
                <th scope="col">{t("movements.col.account")}</th>
                <th scope="col">{t("movements.col.kind")}</th>
                <th scope="col">{t("movements.col.amount")}</th>
                <th scope="col">{t("movements.col.description")}</th>
              </tr>
            </thead>
            <tbody>
              {movements.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{m.date}</td>
                  <td className="mono" data-label={t("movements.col.account")}>
                    {m.accountNumber}
                  </td>
                  <td data-label={t("movements.col.kind")}>{t(`movements.type.${m.kind as MovementKind}`)}</td>
                  <td className="nowrap" data-label={t("movements.col.amount")}>
                    {formatRoubles(m.amount, locale)}
                  </td>
                  <td data-label={t("movements.col.description")}>{m.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pageCount > 1 ? (
        <nav aria-label={t("movements.pages")} className="actions">
          {page > 1 ? <Link to={pageLink(shown, page - 1)}>{t("movements.previous")}</Link> : null}
          <span>{t("movements.page", { page, pages: pageCount })}</span>
          {page < pageCount ? <Link to={pageLink(shown, page + 1)}>{t("movements.next")}</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
