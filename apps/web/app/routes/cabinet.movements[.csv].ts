import { exportMovementsCsv } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { translator } from "~/i18n/i18n";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { csvResponse } from "~/server/csv-response.server";
import { mapDomainErrors } from "~/server/http.server";
import { movementQueryOf } from "./cabinet.movements";

/** The movements of the page's filter (every page of it) as CSV for Excel in a Russian locale. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "cabinet:view");
  const { query } = movementQueryOf(new URL(request.url));
  const t = translator("ru");
  const kindNames = {
    payment: t("movements.type.payment"),
    adjustment: t("movements.type.adjustment"),
    monthly_fee: t("movements.type.monthly_fee"),
    service_fee: t("movements.type.service_fee"),
    usage: t("movements.type.usage"),
  };
  const deps = await appDeps();
  const file = await mapDomainErrors(() => exportMovementsCsv(deps, actor, query, kindNames));
  return csvResponse(file.bytes, file.fileName);
}
