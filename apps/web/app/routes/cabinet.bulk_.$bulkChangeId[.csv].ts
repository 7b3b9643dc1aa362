import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/server/auth.server";
import { bulkChangeIdParam, bulkReportFile } from "~/server/bulk-report.server";
import { csvResponse } from "~/server/csv-response.server";
import { getLocale } from "~/server/locale.server";

/** A bulk change's report as CSV for Excel in a Russian locale: every line, before → after, the outcome. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:manage");
  const file = await bulkReportFile(actor, bulkChangeIdParam(params.bulkChangeId), "csv", await getLocale(request));
  return csvResponse(file.bytes, file.fileName);
}
