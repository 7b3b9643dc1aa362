import { getApplicationPdfForOffice } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireActor } from "~/server/auth.server";
import { appDeps } from "~/server/context.server";
import { mapDomainErrors } from "~/server/http.server";
import { applicationIdParam } from "~/server/office.server";
import { pdfResponse } from "~/server/pdf-response.server";

/** The application's PDF exactly as issued, for the office of its region only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = await requireActor(request, context, "office:review-applications");
  const id = applicationIdParam(params.id);
  const deps = await appDeps();
  const pdf = await mapDomainErrors(() => getApplicationPdfForOffice(deps, actor, id));
  return pdfResponse(pdf.bytes, pdf.filename, { inline: true });
}
