// Entry of the PDF worker threads (see render-pool.ts). Bundled by build-worker.mjs into
// dist/render-worker.mjs, because Node 20 cannot run TypeScript in a worker.
import { renderApplicationPdf, renderBlankApplicationPdf } from "./application-form.ts";
import { preparedFonts } from "./fonts.ts";
import type { ApplicationFormData, FormRegion } from "./types.ts";

export type RenderTask =
  | { kind: "application"; data: ApplicationFormData }
  | { kind: "blank"; region: FormRegion | null };

// Parse the fonts as the thread starts, not on its first document.
preparedFonts().catch(() => {});

export default function render(task: RenderTask): Promise<Uint8Array> {
  return task.kind === "application" ? renderApplicationPdf(task.data) : renderBlankApplicationPdf(task.region ?? undefined);
}
