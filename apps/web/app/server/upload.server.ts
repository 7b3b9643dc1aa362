/** Thrown when a request body is larger than allowed. */
export class BodyTooLarge extends Error {
  constructor() {
    super("request body too large");
  }
}

/**
 * The request with its body capped at `maxBytes`: a declared Content-Length over the cap is refused
 * at once, and a body without one is cut off (and fails to parse) as soon as it passes the cap, so
 * an upload can never fill the server's memory.
 */
export function withBodyLimit(request: Request, maxBytes: number): Request {
  const declared = Number(request.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge();
  if (!request.body) return request;
  let seen = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new BodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body,
    signal: request.signal,
    duplex: "half",
  } as RequestInit);
}
