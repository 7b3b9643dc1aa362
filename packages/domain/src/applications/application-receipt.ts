import { eq } from "drizzle-orm";
import type { Deps } from "../deps.ts";
import { applications } from "../db/schema.ts";
import { findRegion } from "../regions/regions.ts";
import { applicationPdfFilename } from "./application-documents.ts";
import type { RenderApplicationPdf } from "./application-pdf.ts";
import { completeApplication } from "./complete-application.ts";

/** The applicant's receipt, reachable only with the unguessable token handed out on submit. */
export function findApplicationReceipt(deps: Deps, receiptToken: string) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(receiptToken)) return undefined;
  const app = deps.db
    .select({
      reference: applications.reference,
      status: applications.status,
      submittedAt: applications.submittedAt,
      regionCode: applications.regionCode,
      email: applications.email,
      contactNumber: applications.contactNumber,
      numberCount: applications.numbers,
    })
    .from(applications)
    .where(eq(applications.receiptToken, receiptToken))
    .get();
  if (!app) return undefined;
  const region = findRegion(deps, app.regionCode);
  if (!region) return undefined;
  return { ...app, numberCount: app.numberCount.length, region };
}

/**
 * The PDF exactly as it was issued and e-mailed (its digest is on record). An application still
 * waiting for its PDF (see complete-application.ts) is completed first, so the download always works.
 */
export async function findApplicationPdf(
  deps: Deps,
  receiptToken: string,
  options: { renderPdf?: RenderApplicationPdf } = {},
) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(receiptToken)) return undefined;
  const find = () =>
    deps.db
      .select({ id: applications.id, reference: applications.reference, pdf: applications.pdf })
      .from(applications)
      .where(eq(applications.receiptToken, receiptToken))
      .get();
  let row = find();
  if (row && !row.pdf) {
    await completeApplication(deps, row.id, options.renderPdf);
    row = find();
  }
  if (!row?.pdf) return undefined;
  return { filename: applicationPdfFilename(row.reference), bytes: new Uint8Array(row.pdf) };
}
