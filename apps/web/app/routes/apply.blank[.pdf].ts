import { renderBlankApplicationForm } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDeps } from "~/server/context.server";
import { pdfResponse } from "~/server/pdf-response.server";

/** The printable blank form, addressed to a region's office when `?region=` names one. */
export async function loader({ request }: LoaderFunctionArgs) {
  const region = new URL(request.url).searchParams.get("region");
  const { filename, bytes } = await renderBlankApplicationForm(await appDeps(), region);
  return pdfResponse(bytes, filename, { cache: "public, max-age=3600" });
}
