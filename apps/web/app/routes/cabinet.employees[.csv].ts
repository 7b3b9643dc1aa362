import { exportEmployeeFile } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { csvResponse } from "~/server/csv-response.server";
import { mapDomainErrors } from "~/server/http.server";

/** The company's lines with employee and department, as CSV that Excel in a Russian locale opens as it is. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const deps = await appDeps();
  const bytes = await mapDomainErrors(() => exportEmployeeFile(deps, actor));
  return csvResponse(bytes, "employees.csv");
}
