// @cabinet/pdf — pure renderers: data in, PDF bytes out (no database, no network).
export type { ApplicationFormData, FormRegion } from "./types.ts";
export { renderApplicationPdf, renderBlankApplicationPdf } from "./application-form.ts";
export { closePdfRenderPool, renderApplicationPdfOffThread, renderBlankApplicationPdfOffThread } from "./render-pool.ts";
export { type DetailingPdfData, type DetailingPdfLine, type DetailingPdfRow, type DetailingPdfTotal, renderDetailingPdf } from "./detailing-pdf.ts";
