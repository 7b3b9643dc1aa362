import { exportSpendingReportCsv } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { monthNumber, spendingReportFileSchema } from "~/forms/spending-report-form";
import { spendingReportLabels } from "~/server/spending-report-labels.server";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { csvResponse } from "~/server/csv-response.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";

/** One table of the month's spending report (`?table=lines|departments`) as CSV for Excel in a Russian locale. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const query = spendingReportFileSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const labels = spendingReportLabels(await getLocale(request));
  const deps = await appDeps();
  const file = await mapDomainErrors(() => exportSpendingReportCsv(deps, actor, { month: monthNumber(query.month), table: query.table }, labels));
  return csvResponse(file.bytes, file.fileName);
}
