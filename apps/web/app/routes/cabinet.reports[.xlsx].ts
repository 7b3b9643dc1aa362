import { exportSpendingReportXlsx } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { monthNumber, spendingReportFileSchema } from "~/forms/spending-report-form";
import { spendingReportLabels } from "~/server/spending-report-labels.server";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { getLocale } from "~/server/locale.server";
import { xlsxResponse } from "~/server/xlsx-response.server";

/** The month's spending report as an XLSX workbook: departments and lines, one sheet each. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const query = spendingReportFileSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const labels = spendingReportLabels(await getLocale(request));
  const deps = await appDeps();
  const file = await mapDomainErrors(() => exportSpendingReportXlsx(deps, actor, { month: monthNumber(query.month) }, labels));
  return xlsxResponse(file.bytes, file.fileName);
}
