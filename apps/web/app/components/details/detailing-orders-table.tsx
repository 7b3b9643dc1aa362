import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/root";

/** An order as the table shows it: display-ready strings. */
export interface OrderRow {
  id: number;
  orderedAt: string;
  period: string;
  lines: { kind: "all" } | { kind: "department"; name: string } | { kind: "line"; number: string } | { kind: "selection"; count: string };
  format: "csv" | "xlsx" | "pdf";
  zip: boolean;
  email: string;
  status: "queued" | "running" | "done" | "failed" | "cancelled";
  /** 0–100 while running, when the total is known. */
  percent: number | null;
  rows: string | null;
  size: string | null;
  delivery: "attachment" | "link" | null;
  expiresAt: string | null;
  downloadable: boolean;
  error: string | null;
}

function LinesText({ lines }: { lines: OrderRow["lines"] }) {
  const t = useT();
  switch (lines.kind) {
    case "all":
      return <>{t("details.lines.all")}</>;
    case "department":
      return <>{t("details.linesOf.department", { name: lines.name })}</>;
    case "line":
      return <span className="nowrap">{lines.number}</span>;
    case "selection":
      return <>{t("details.linesOf.selection", { count: lines.count })}</>;
  }
}

function StatusCell({ order }: { order: OrderRow }) {
  const t = useT();
  const label = t(`details.status.${order.status}` as MessageKey);
  if (order.status === "running" || order.status === "queued") {
    return (
      <>
        <span>{label}</span>
        {order.percent !== null && order.status === "running" ? (
          <>
            {" "}
            <progress max={100} value={order.percent} aria-label={t("details.progress", { id: order.id })} />{" "}
            <span className="nowrap">{order.percent}%</span>
          </>
        ) : null}
      </>
    );
  }
  if (order.status === "failed") {
    const reason = `details.failed.${order.error ?? "internal"}`;
    return (
      <>
        <span className="badge badge-rejected">{label}</span> <span className="muted small">{t((reason in REASONS ? reason : "details.failed.internal") as MessageKey)}</span>
      </>
    );
  }
  return <span className={order.status === "done" ? "badge badge-approved" : "badge badge-neutral"}>{label}</span>;
}

const REASONS = { "details.failed.invalid": 1, "details.failed.interrupted": 1, "details.failed.internal": 1, "details.failed.not_found": 1 };

function FileCell({ order }: { order: OrderRow }) {
  const t = useT();
  if (order.status !== "done") return <span className="muted">—</span>;
  if (!order.downloadable) return <span className="muted">{t("details.file.expired", { date: order.expiresAt ?? "" })}</span>;
  return (
    <>
      <a href={`/cabinet/details/${order.id}/download`} download>
        {t("details.file.download")}
        <span className="visually-hidden"> {t("details.file.downloadOf", { id: order.id })}</span>
      </a>
      <br />
      <span className="muted small">
        {t(order.delivery === "attachment" ? "details.file.attached" : "details.file.linked")} · {t("details.file.until", { date: order.expiresAt ?? "" })}
      </span>
    </>
  );
}

/** The company's orders, newest first, with what each came to. */
export function DetailingOrdersTable({ orders, running }: { orders: OrderRow[]; running: boolean }) {
  const t = useT();
  return (
    <section id="orders" aria-labelledby="orders-title">
      <h2 id="orders-title">{t("details.orders.title")}</h2>
      {running ? (
        <p className="muted" role="status">
          {t("details.orders.refreshing")}
        </p>
      ) : null}
      {orders.length === 0 ? (
        <p className="muted">{t("details.orders.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data cards" data-testid="detailing-orders">
            <thead>
              <tr>
                <th scope="col">{t("details.col.order")}</th>
                <th scope="col">{t("details.col.period")}</th>
                <th scope="col">{t("details.col.lines")}</th>
                <th scope="col">{t("details.col.format")}</th>
                <th scope="col">{t("details.col.status")}</th>
                <th scope="col">{t("details.col.size")}</th>
                <th scope="col">{t("details.col.file")}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((order) => (
                <tr key={order.id} data-testid={`order-${order.id}`}>
                  <td>
                    {t("details.orderNo", { id: order.id })}
                    <br />
                    <span className="muted small nowrap">{order.orderedAt}</span>
                  </td>
                  <td className="nowrap" data-label={t("details.col.period")}>
                    {order.period}
                  </td>
                  <td data-label={t("details.col.lines")}>
                    <LinesText lines={order.lines} />
                    <br />
                    <span className="muted small">{order.email}</span>
                  </td>
                  <td data-label={t("details.col.format")}>
                    {order.format.toUpperCase()}
                    {order.zip ? " · ZIP" : ""}
                  </td>
                  <td data-label={t("details.col.status")} data-testid={`order-${order.id}-status`}>
                    <StatusCell order={order} />
                  </td>
                  <td className="nowrap" data-label={t("details.col.size")}>
                    {order.size ?? "—"}
                    {order.rows !== null ? (
                      <>
                        <br />
                        <span className="muted small">{t("details.rows", { count: order.rows })}</span>
                      </>
                    ) : null}
                  </td>
                  <td data-label={t("details.col.file")}>
                    <FileCell order={order} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
