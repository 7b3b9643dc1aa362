import { findApplicationPdf } from "@cabinet/domain";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { appDeps } from "~/server/context.server";
import { notFound } from "~/server/http.server";
import { pdfResponse } from "~/server/pdf-response.server";

/** The applicant's filled form, exactly as issued; reachable only with the receipt token. */
export async function loader({ params }: LoaderFunctionArgs) {
  const pdf = await findApplicationPdf(await appDeps(), params.token ?? "");
  if (!pdf) notFound();
  return pdfResponse(pdf.bytes, pdf.filename);
}
