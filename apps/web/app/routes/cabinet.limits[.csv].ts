import { exportLimitFile } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { csvResponse } from "~/server/csv-response.server";
import { mapDomainErrors } from "~/server/http.server";

/** The company's lines with their own limits (number; limit; policy), the file the limits upload reads back. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const deps = await appDeps();
  const bytes = await mapDomainErrors(() => exportLimitFile(deps, actor));
  return csvResponse(bytes, "limits.csv");
}
