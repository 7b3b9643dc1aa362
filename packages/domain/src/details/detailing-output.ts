import { once } from "node:events";
import { Transform, type TransformCallback, type Writable } from "node:stream";

/** Writes a chunk and, when the stream asks for it, waits until it has drained (backpressure). */
export async function writeWithBackpressure(out: Writable, chunk: string | Buffer | Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, "drain");
}

/** Passes bytes through and counts them: the size of the file written. */
export class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    callback(null, chunk);
  }
}

/** Lets the event loop run (zlib, file writes, timers, a job's lease) between chunks of synchronous work. */
export function turn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
