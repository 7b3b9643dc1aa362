import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/server/auth.server";
import { bulkChangeIdParam, bulkReportFile } from "~/server/bulk-report.server";
import { getLocale } from "~/server/locale.server";

/** A bulk change's report as an XLSX workbook (money as number cells). Personal data: never cached. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const file = await bulkReportFile(actor, bulkChangeIdParam(params.bulkChangeId), "xlsx", await getLocale(request));
  return new Response(new Uint8Array(file.bytes).buffer as ArrayBuffer, {
    headers: {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Content-Length": String(file.bytes.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
