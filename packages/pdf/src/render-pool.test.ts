import { performance } from "node:perf_hooks";
import { afterAll, describe, expect, it } from "vitest";
import { renderApplicationPdf, renderBlankApplicationPdf } from "./application-form.ts";
import { closePdfRenderPool, renderApplicationPdfOffThread, renderBlankApplicationPdfOffThread } from "./render-pool.ts";
import type { ApplicationFormData } from "./types.ts";

afterAll(() => closePdfRenderPool());

const sample: ApplicationFormData = {
  reference: "URL-2026-000123",
  issuedOn: "25.11.2026",
  region: { nameRu: "Урал", nameEn: "Ural", officeEmail: "corporate.ural@operator.example", officePhone: "+7 343 000-00-07" },
  companyName: "ООО «Ромашка»",
  ownerName: "Ёлкина-Д'Арк Анна Петровна",
  accountNumber: "100200300",
  numbers: ["+7 912 345-67-89", "+7 912 345-67-90"],
  contactNumber: "+7 912 345-67-89",
  email: "director@romashka.example",
  representativeName: "Петров Пётр Петрович",
  verificationCode: "7KQ4-M2XD-9PLT",
  verificationUrl: "http://cabinet.test/office/verify?code=7KQ4-M2XD-9PLT",
};

/** Share of the time the event loop was busy while `work` ran (1 = never free for anyone else). */
async function eventLoopBusyShare(work: () => Promise<unknown>): Promise<number> {
  const before = performance.eventLoopUtilization();
  await work();
  return performance.eventLoopUtilization(before).utilization;
}

describe("rendering in worker threads", () => {
  it("gives the same bytes as rendering in the process", async () => {
    expect(Buffer.from(await renderApplicationPdfOffThread(sample))).toEqual(Buffer.from(await renderApplicationPdf(sample)));
    const region = sample.region;
    expect(Buffer.from(await renderBlankApplicationPdfOffThread(region))).toEqual(Buffer.from(await renderBlankApplicationPdf(region)));
  });

  it("leaves the event loop free while documents render", async () => {
    await renderApplicationPdfOffThread(sample); // threads started, fonts parsed
    const documents = Array.from({ length: 12 }, (_, i) => ({ ...sample, reference: `URL-2026-${String(i).padStart(6, "0")}` }));
    const offThread = await eventLoopBusyShare(() => Promise.all(documents.map((d) => renderApplicationPdfOffThread(d))));
    const inProcess = await eventLoopBusyShare(() => Promise.all(documents.map((d) => renderApplicationPdf(d))));
    expect(inProcess).toBeGreaterThan(0.8);
    expect(offThread).toBeLessThan(0.3);
  });

  it("starts again after being closed", async () => {
    await closePdfRenderPool();
    const bytes = await renderApplicationPdfOffThread(sample);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
  });
});
