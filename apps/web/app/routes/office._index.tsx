import { findRegion, formatRegionDateTime, listReviewQueue, REVIEW_QUEUE_LIMIT, type ReviewQueueQuery } from "@cabinet/domain";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { SelectField, TextField } from "~/components/field";
import { translator } from "~/i18n/i18n";
import { formatAge } from "~/lib/format-age";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const statuses = ["submitted", "approved", "rejected", "all"] as const;
const sorts = ["oldest", "newest"] as const;

function pick<T extends string>(allowed: readonly T[], value: string | null, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const url = new URL(request.url);
  const query = {
    status: pick(statuses, url.searchParams.get("status"), "submitted"),
    q: (url.searchParams.get("q") ?? "").slice(0, 100),
    sort: pick(sorts, url.searchParams.get("sort"), "oldest"),
  } satisfies ReviewQueueQuery;
  const deps = await appDeps();
  const locale = await getLocale(request);
  const region = findRegion(deps, actor.regionCode);
  const timeZone = region?.timeZone ?? "UTC";
  const rows = listReviewQueue(deps, actor, query).map((row) => ({
    id: row.id,
    reference: row.reference,
    companyName: row.companyName,
    accountNumber: row.accountNumber,
    numberCount: row.numberCount,
    status: row.status,
    submittedAt: formatRegionDateTime(row.submittedAt, timeZone),
    ageMs: row.ageMs,
  }));
  const t = translator(locale);
  return {
    title: t("office.queue.title"),
    regionName: region ? (locale === "en" ? region.nameEn : region.nameRu) : actor.regionCode,
    query,
    rows,
    limited: rows.length >= REVIEW_QUEUE_LIMIT,
    passwordChanged: url.searchParams.get("changed") === "1",
  };
}

export default function ReviewQueuePage() {
  const t = useT();
  const { regionName, query, rows, limited, passwordChanged } = useLoaderData<typeof loader>();
  const filtered = query.q !== "";
  return (
    <>
      {passwordChanged ? (
        <p className="notice notice-ok" role="status">
          {t("password.changed")}
        </p>
      ) : null}
      <div className="page-head">
        <div>
          <h1>{t("office.queue.title")}</h1>
          <p className="lead">{t("office.queue.region", { region: regionName })}</p>
        </div>
      </div>
      <Form method="get" className="filters panel" role="search" aria-label={t("office.queue.filters")}>
        <SelectField name="status" label={t("office.queue.status")} defaultValue={query.status}>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s === "all" ? t("office.queue.status.all") : t(`status.state.${s}`)}
            </option>
          ))}
        </SelectField>
        <div className="filters-grow">
          <TextField
            name="q"
            type="search"
            label={t("office.queue.q")}
            hint={t("office.queue.q.hint")}
            defaultValue={query.q}
            maxLength={100}
          />
        </div>
        <SelectField name="sort" label={t("office.queue.sort")} defaultValue={query.sort}>
          {sorts.map((s) => (
            <option key={s} value={s}>
              {t(`office.queue.sort.${s}`)}
            </option>
          ))}
        </SelectField>
        <div className="filters-buttons">
          <button type="submit" className="button">
            {t("office.queue.apply")}
          </button>
          {filtered || query.status !== "submitted" || query.sort !== "oldest" ? (
            <Link to="/office" className="button button-quiet">
              {t("common.reset")}
            </Link>
          ) : null}
        </div>
      </Form>

      <p className="muted" role="status">
        {rows.length === 0
          ? filtered
            ? t("office.queue.emptySearch")
            : t("office.queue.empty")
          : limited
            ? t("office.queue.limited", { count: rows.length })
            : t("office.queue.shown", { count: rows.length })}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="data cards">
            <thead>
              <tr>
                <th scope="col">{t("office.queue.col.reference")}</th>
                <th scope="col">{t("office.queue.col.company")}</th>
                <th scope="col">{t("office.queue.col.account")}</th>
                <th scope="col" className="num">
                  {t("office.queue.col.numbers")}
                </th>
                <th scope="col">{t("office.queue.col.status")}</th>
                <th scope="col">{t("office.queue.col.submitted")}</th>
                <th scope="col">{t("office.queue.col.age")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="nowrap">
                    <Link to={`/office/applications/${row.id}`} className="mono">
                      {row.reference}
                    </Link>
                  </td>
                  <td data-label={t("office.queue.col.company")}>{row.companyName}</td>
                  <td data-label={t("office.queue.col.account")} className="mono">
                    {row.accountNumber}
                  </td>
                  <td data-label={t("office.queue.col.numbers")} className="num">
                    {row.numberCount}
                  </td>
                  <td data-label={t("office.queue.col.status")}>
                    <span className={`badge badge-${row.status}`}>{t(`status.state.${row.status}`)}</span>
                  </td>
                  <td data-label={t("office.queue.col.submitted")} className="nowrap">
                    {row.submittedAt}
                  </td>
                  <td data-label={t("office.queue.col.age")} className="nowrap">
                    {formatAge(t, row.ageMs)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
