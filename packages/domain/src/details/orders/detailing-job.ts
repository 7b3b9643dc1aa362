import { randomUUID } from "node:crypto";
import { createWriteStream, readFileSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { detailingReadyEmail } from "@cabinet/mail";
import { actorOfUser } from "../../auth/actor.ts";
import { inTransaction } from "../../db/open-database.ts";
import { users } from "../../db/schema.ts";
import type { Deps } from "../../deps.ts";
import { DomainError } from "../../errors.ts";
import type { JobHandler, RunningJob } from "../../jobs/job-types.ts";
import { enqueueEmail } from "../../outbox/enqueue.ts";
import { formatMsisdn } from "../../shared/phone-numbers.ts";
import { formatRegionDateTime } from "../../shared/region-time.ts";
import type { DetailingScope } from "../detailing-scope.ts";
import { writeDetailing } from "../write-detailing.ts";
import { detailingSettings, ensureDetailingFilesDir } from "./detailing-files.ts";
import { resolveDetailingLines } from "./detailing-lines.ts";
import { dayDotted } from "./detailing-period.ts";
import type { DetailingOrderPayload } from "./place-detailing-order.ts";
import { eq } from "drizzle-orm";

/** What a finished order keeps (the job's result): where its file is, how it was sent, until when it can be downloaded. */
export interface DetailingOrderOutcome {
  /** The file's name in the files folder. */
  file: string;
  /** The name offered for download. */
  fileName: string;
  contentType: string;
  bytes: number;
  rows: number;
  /** Kopecks: the total of the file, which is the rated usage of the lines in the period. */
  charge: number;
  delivery: "attachment" | "link";
  /** UTC ms: the download link (and the file) expire. */
  expiresAt: number;
}

export type DetailingWriter = typeof writeDetailing;

/** "1,2 МБ" / "1.2 MB", "840 КБ" / "840 KB". */
export function formatFileSize(bytes: number, locale: "ru" | "en"): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU", { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024 * 1024) return `${number(Math.max(1, Math.ceil(bytes / 1024)), 0)} ${locale === "en" ? "KB" : "КБ"}`;
  return `${number(bytes / (1024 * 1024), 1)} ${locale === "en" ? "MB" : "МБ"}`;
}

/**
 * The job of a call-detail order: resolves the lines as the administrator who ordered them (so the
 * tenancy is his), streams the file to the files folder (memory flat whatever the rows), then in one
 * transaction queues the e-mail — with the file attached when it is within the attachment limit,
 * with a link to the cabinet's download otherwise — and marks the job done. A run whose worker died
 * is run again from its payload; its half-written file is pruned later.
 */
export function detailingJobHandlerWith(write: DetailingWriter): JobHandler<DetailingOrderPayload> {
  return {
    afterCrash: "retry",
    async run(deps: Deps, job: RunningJob<DetailingOrderPayload>) {
      const order = job.payload;
      const user = job.createdBy == null ? undefined : deps.db.select().from(users).where(eq(users.id, job.createdBy)).get();
      if (!user || user.companyId !== job.companyId || user.regionCode !== job.regionCode) throw new DomainError("not_found", "the ordering administrator is gone");
      const actor = actorOfUser(user);
      const lineIds = resolveDetailingLines(deps, actor, order.lines, order.fromMs);
      const scope: DetailingScope = { companyId: user.companyId as number, regionCode: user.regionCode, lineIds, from: order.fromMs, to: order.toMs };

      const settings = detailingSettings(deps);
      const dir = ensureDetailingFilesDir(deps);
      const file = `${job.id}-${randomUUID()}.${order.zip ? "zip" : order.format}`;
      const partial = join(dir, `${file}.part`);
      let written: Awaited<ReturnType<DetailingWriter>>;
      try {
        written = await write(deps, scope, { format: order.format, zip: order.zip, locale: order.locale }, createWriteStream(partial), async (done, total) => {
          job.progress(done, total);
          await job.yield();
        });
        renameSync(partial, join(dir, file));
      } catch (error) {
        try {
          unlinkSync(partial);
        } catch {}
        throw error;
      }

      const now = deps.clock.now();
      const delivery = written.bytes <= settings.attachmentLimitBytes ? "attachment" : "link";
      const outcome: DetailingOrderOutcome = {
        file,
        fileName: written.fileName,
        contentType: written.contentType,
        bytes: written.bytes,
        rows: written.rows,
        charge: written.charge,
        delivery,
        expiresAt: now.getTime() + settings.linkLifetimeMs,
      };
      // Read before the transaction: no file I/O while the write lock is held.
      const attachment = delivery === "attachment" ? readFileSync(join(dir, file)) : null;
      const company = deps.db.$client.prepare("select name from companies where id = ?").pluck().get(scope.companyId) as string;
      const locale = order.locale;
      const count = (n: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : "ru-RU").format(n);
      const ordersUrl = `${deps.config.publicUrl}/cabinet/details`;
      const email = detailingReadyEmail(
        {
          orderNumber: String(job.id),
          companyName: company,
          period: `${dayDotted(order.from)} – ${dayDotted(order.to)}`,
          lines:
            order.label.kind === "line"
              ? { kind: "line", number: formatMsisdn(order.label.msisdn) }
              : order.label.kind === "selection"
                ? { kind: "selection", count: count(order.label.count) }
                : order.label,
          format: order.format.toUpperCase(),
          zip: order.zip,
          rows: count(written.rows),
          size: formatFileSize(written.bytes, locale),
          fileName: written.fileName,
          delivery:
            delivery === "attachment"
              ? { kind: "attachment" }
              : {
                  kind: "link",
                  url: `${ordersUrl}/${job.id}/download`,
                  expiresOn: formatRegionDateTime(new Date(outcome.expiresAt), order.timeZone),
                  attachmentLimit: formatFileSize(settings.attachmentLimitBytes, locale),
                },
          ordersUrl,
        },
        locale,
      );
      inTransaction(deps.db, (tx) => {
        enqueueEmail(tx, now, {
          to: order.email,
          ...email,
          topic: `detailing:${job.id}`,
          regionCode: scope.regionCode,
          attachments: attachment ? [{ filename: written.fileName, contentType: written.contentType, content: attachment }] : [],
        });
        job.completeIn(tx, outcome);
      });
    },
  };
}

export const detailingJobHandler = detailingJobHandlerWith(writeDetailing);
