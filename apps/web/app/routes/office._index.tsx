import { findRegion, formatRegionDateTime, listReviewQueue, REVIEW_QUEUE_LIMIT, type ReviewQueueQuery } from "@cabinet/domain";
import { getFormProps } from "@conform-to/react";
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { InputField, SelectInput } from "~/components/schema-fields";
import { useSchemaForm } from "~/components/schema-form";
import { parseForm } from "~/forms/form-schema";
import { queueSorts, queueStatuses, reviewQueueFormSchema } from "~/forms/review-queue-form";
import { translator } from "~/i18n/i18n";
import { formatAge } from "~/lib/format-age";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

const listsOnly = reviewQueueFormSchema.pick({ status: true, sort: true });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const url = new URL(request.url);
  const filters = parseForm(url.searchParams, reviewQueueFormSchema);
  // A search text over its limit gets its message; the lists still apply.
  const query: Required<ReviewQueueQuery> =
    filters.status === "success"
      ? { ...filters.value, q: filters.value.q ?? "" }
      : { ...listsOnly.parse(Object.fromEntries(url.searchParams)), q: "" };
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
  const body = {
    title: t("office.queue.title"),
    regionName: region ? (locale === "en" ? region.nameEn : region.nameRu) : actor.regionCode,
    query,
    lastResult: filters.status === "success" ? null : filters.reply(),
    rows,
    limited: rows.length >= REVIEW_QUEUE_LIMIT,
    passwordChanged: url.searchParams.get("changed") === "1",
  };
  return filters.status === "success" ? body : data(body, { status: 400 });
}

export default function ReviewQueuePage() {
  const t = useT();
  const { regionName, query, lastResult, rows, limited, passwordChanged } = useLoaderData<typeof loader>();
  const [form, fields] = useSchemaForm(reviewQueueFormSchema, { id: "queue-filters", lastResult, defaultValue: query });
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
      <Form method="get" className="filters panel" role="search" aria-label={t("office.queue.filters")} {...getFormProps(form)}>
        <SelectInput field={fields.status} label={t("office.queue.status")}>
          {queueStatuses.map((s) => (
            <option key={s} value={s}>
              {s === "all" ? t("office.queue.status.all") : t(`status.state.${s}`)}
            </option>
          ))}
        </SelectInput>
        <div className="filters-grow">
          <InputField field={fields.q} type="search" label={t("office.queue.q")} hint={t("office.queue.q.hint")} />
        </div>
        <SelectInput field={fields.sort} label={t("office.queue.sort")}>
          {queueSorts.map((s) => (
            <option key={s} value={s}>
              {t(`office.queue.sort.${s}`)}
            </option>
          ))}
        </SelectInput>
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
