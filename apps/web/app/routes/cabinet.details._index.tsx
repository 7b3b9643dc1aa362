import {
  type DetailingOrderInput,
  type DetailingOrderView,
  detailingOrderForm,
  formatFileSize,
  formatMsisdn,
  formatRegionDateTime,
  listDetailingOrders,
  placeDetailingOrder,
} from "@cabinet/domain";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { z } from "zod";
import { CabinetNav } from "~/components/cabinet/cabinet-nav";
import { DetailingOrderFormPanel } from "~/components/details/detailing-order-form";
import { DetailingOrdersTable, type OrderRow } from "~/components/details/detailing-orders-table";
import { detailingOrderFormSchema, parseSelection } from "~/forms/details-order-form";
import { parseForm } from "~/forms/form-schema";
import { lineSelectionFormSchema } from "~/forms/lines-filter-form";
import { formatCount } from "~/lib/money";
import { translator } from "~/i18n/i18n";
import { useT } from "~/root";
import { requireActor } from "~/server/auth.server";
import { appDeps, pokeJobs } from "~/server/context.server";
import { mapDomainErrors, readTrustedForm } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title ?? "" }];

/** After an order (post/redirect/get) or a link that expired: which order the notice is about. */
const noticeSchema = z.object({
  ordered: z.coerce.number().int().positive().optional().catch(undefined),
  expired: z.coerce.number().int().positive().optional().catch(undefined),
});

/** The lines list's selection, when the page was opened from the list (`?scope=filter&…` or `?scope=lines&line=…`). */
function selectionOf(url: URL) {
  if (!url.searchParams.has("scope")) return null;
  const asked = parseForm(url.searchParams, lineSelectionFormSchema);
  if (asked.status !== "success") return null;
  const { scope, line, q, status, tariff, department, sort, dir } = asked.value;
  return scope === "lines"
    ? ({ kind: "lines", lineIds: line } as const)
    : ({ kind: "filter", query: { q, status, tariffId: tariff, departmentId: department, sort, direction: dir } } as const);
}

function orderRow(order: DetailingOrderView, timeZone: string, locale: "ru" | "en"): OrderRow {
  const dotted = (iso: string) => iso.split("-").reverse().join(".");
  return {
    id: order.id,
    orderedAt: formatRegionDateTime(order.orderedAt, timeZone),
    period: `${dotted(order.from)} – ${dotted(order.to)}`,
    lines:
      order.lines.kind === "selection"
        ? { kind: "selection", count: formatCount(order.lines.count, locale) }
        : order.lines.kind === "line"
          ? { kind: "line", number: formatMsisdn(order.lines.msisdn) }
          : order.lines,
    format: order.format,
    zip: order.zip,
    email: order.email,
    status: order.status,
    percent: order.progressTotal ? Math.min(100, Math.floor((order.progressDone / order.progressTotal) * 100)) : null,
    rows: order.rows === null ? null : formatCount(order.rows, locale),
    size: order.bytes === null ? null : formatFileSize(order.bytes, locale),
    delivery: order.delivery,
    expiresAt: order.expiresAt ? formatRegionDateTime(order.expiresAt, timeZone) : null,
    downloadable: order.downloadable,
    error: order.error,
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const url = new URL(request.url);
  const selection = selectionOf(url);
  const deps = await appDeps();
  const locale = await getLocale(request);
  const { form, orders } = await mapDomainErrors(() => ({
    form: detailingOrderForm(deps, actor, { selection }),
    orders: listDetailingOrders(deps, actor),
  }));
  const notice = noticeSchema.parse(Object.fromEntries(url.searchParams));
  return {
    title: translator(locale)("details.title"),
    window: form.window,
    departments: form.departments.map((d) => ({ id: d.id, name: d.name, lineCount: d.lineCount })),
    defaults: {
      from: `${form.window.latest.slice(0, 8)}01`,
      to: form.window.latest,
      lines: selection ? "selection" : "all",
      format: "csv",
      email: form.email,
      selection: selection ? JSON.stringify(selection) : "",
    },
    selectionCount: form.selectionCount === null ? null : formatCount(form.selectionCount, locale),
    pdfMaxRows: formatCount(form.pdfMaxRows, locale),
    attachmentLimit: formatFileSize(form.attachmentLimitBytes, locale),
    linkDays: Math.round(form.linkLifetimeMs / 86_400_000),
    orders: orders.map((order) => orderRow(order, form.timeZone, locale)),
    running: orders.some((order) => order.status === "queued" || order.status === "running"),
    // The page's own address without a fragment: a refresh to `…#orders` would only scroll, not reload.
    refreshUrl: `${url.pathname}${url.search}`,
    ordered: notice.ordered ?? null,
    expired: notice.expired ?? null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const form = await readTrustedForm(request);
  const submission = parseForm(form, detailingOrderFormSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const value = submission.value;
  const lines: DetailingOrderInput["lines"] =
    value.lines === "department"
      ? { kind: "department", departmentId: value.department as number }
      : value.lines === "line"
        ? { kind: "line", number: value.line ?? "" }
        : value.lines === "selection"
          ? { kind: "selection", selection: parseSelection(value.selection) ?? { kind: "lines", lineIds: [] } }
          : { kind: "all" };
  const deps = await appDeps();
  const locale = await getLocale(request);
  const placed = await mapDomainErrors(() =>
    placeDetailingOrder(deps, actor, { from: value.from, to: value.to, lines, format: value.format, zip: value.zip === "on", email: value.email, locale }),
  );
  if (!placed.ok) return data({ result: submission.reply({ fieldErrors: placed.fieldErrors as never }) }, { status: 400 });
  await pokeJobs();
  return redirect(`/cabinet/details?ordered=${placed.orderId}#orders`);
}

/** While an order is being produced the list refreshes itself: by polling with JavaScript, by the page's refresh without it. */
function useRefreshWhile(running: boolean) {
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 2000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
}

export default function DetailsPage() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  useRefreshWhile(page.running);
  return (
    <>
      {page.running ? (
        <noscript>
          <meta httpEquiv="refresh" content={`3; url=${page.refreshUrl}`} />
        </noscript>
      ) : null}
      <CabinetNav />
      <div className="page-head">
        <div>
          <h1>{t("details.title")}</h1>
          <p className="lead">{t("details.lead")}</p>
        </div>
      </div>
      {page.ordered ? (
        <p className="notice notice-ok" role="status" data-testid="details-ordered">
          {t("details.ordered", { id: page.ordered })}
        </p>
      ) : null}
      {page.expired ? (
        <div className="notice notice-warn" role="alert" data-testid="details-expired">
          <p className="notice-title">{t("details.expired.title", { id: page.expired })}</p>
          <p>{t("details.expired.text", { days: page.linkDays })}</p>
        </div>
      ) : null}
      <DetailingOrderFormPanel
        window={page.window}
        departments={page.departments}
        defaults={page.defaults}
        selectionCount={page.selectionCount}
        pdfMaxRows={page.pdfMaxRows}
        attachmentLimit={page.attachmentLimit}
        linkDays={page.linkDays}
      />
      <DetailingOrdersTable orders={page.orders} running={page.running} />
    </>
  );
}
