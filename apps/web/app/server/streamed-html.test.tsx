// React 18.3's Node streaming renderer flushed its whole 2 KB buffer when a multi-byte character did
// not fit at the end, so pages with long Cyrillic text carried NUL bytes at 2047, 4095, …
// (patches/react-dom@18.3.1.patch). Every page is streamed this way: none may carry one.
import { PassThrough } from "node:stream";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";

function streamed(element: React.ReactElement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on("data", (chunk: Buffer) => chunks.push(chunk));
    sink.on("end", () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(element, {
      onAllReady: () => pipe(sink),
      onShellError: reject,
    });
  });
}

describe("streamed HTML", () => {
  it("carries no NUL byte, whatever the length of the Cyrillic text before a buffer boundary", async () => {
    const word = "Заявление на доступ к корпоративному кабинету ";
    for (let offset = 0; offset < 8; offset++) {
      const page = (
        <main>
          <p>{"x".repeat(offset)}</p>
          {Array.from({ length: 120 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a static list
            <p key={i}>{word.repeat(1 + (i % 9))}</p>
          ))}
        </main>
      );
      const html = await streamed(page);
      expect(html.length).toBeGreaterThan(8192);
      expect(html.indexOf(0), `offset ${offset}`).toBe(-1);
      expect(html.toString("utf8")).toContain(word.trim());
    }
  });
});
