/** A PDF download. Personal documents are never cached by shared caches. */
export function pdfResponse(bytes: Uint8Array, filename: string, options: { cache?: string; inline?: boolean } = {}) {
  // A copy into a plain ArrayBuffer: the Response body type does not take shared buffers.
  return new Response(new Uint8Array(bytes).buffer as ArrayBuffer, {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `${options.inline ? "inline" : "attachment"}; filename="${filename}"`,
      "Content-Length": String(bytes.byteLength),
      "Cache-Control": options.cache ?? "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
