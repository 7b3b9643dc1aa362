import { type ApplicationFormData, closePdfRenderPool, renderApplicationPdfOffThread } from "@cabinet/pdf";

/** Turns an application's printable data into its PDF; tests hand in one that fails. */
export type RenderApplicationPdf = (data: ApplicationFormData) => Promise<Uint8Array>;

/**
 * The renderer every use case takes by default: @cabinet/pdf's worker threads, so that drawing a
 * form (CPU work of several milliseconds) never holds up the event loop serving other people.
 */
export const renderApplicationPdfInWorkers: RenderApplicationPdf = renderApplicationPdfOffThread;

/** Stops the PDF worker threads, letting running renders finish (server shutdown, end of a command). */
export function stopPdfWorkers(): Promise<void> {
  return closePdfRenderPool();
}
