// Benchmarks of the regional login and the office's review queue, each beside a bare baseline.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, findSessionActor, listReviewQueue, logIn, seedDemoData } from "@cabinet/domain";
import { verify } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { openDeps } from "../env.ts";

export interface Figure {
  ours: number;
  baseline: number;
}

async function withDemoDatabase<T>(work: (deps: ReturnType<typeof openDeps>, path: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-"));
  try {
    const path = join(dir, "cabinet.db");
    const deps = openDeps(path);
    await seedDemoData(deps);
    try {
      return await work(deps, path);
    } finally {
      deps.db.$client.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Logins per second through `logIn` vs bare argon2 verifications of the same hash. */
export function loginsPerSecond(count: number): Promise<Figure> {
  return withDemoDatabase(async (deps) => {
    const login = { regionCode: "ural", login: "vector", password: "Vector2026demo", clientAddress: "127.0.0.1" };
    let started = performance.now();
    for (let i = 0; i < count; i++) {
      const result = await logIn(deps, login);
      if (!result.ok) throw new Error(`bench login failed: ${result.reason}`);
    }
    const ours = count / ((performance.now() - started) / 1000);

    const { password_hash: hash } = deps.db.$client
      .prepare("select password_hash from users where region_code = 'ural' and login = 'vector'")
      .get() as { password_hash: string };
    started = performance.now();
    for (let i = 0; i < count; i++) {
      if (!(await verify(hash, login.password))) throw new Error("bench hash did not verify");
    }
    const baseline = count / ((performance.now() - started) / 1000);
    return { ours, baseline };
  });
}

/**
 * The office queue searched for a company name among `count` applications of one region, each
 * with a stored PDF of `pdfBytes`: median ms of `listReviewQueue` vs the same search as one raw
 * SQL query (instr over the same columns, same order and limit) through better-sqlite3.
 */
export function reviewQueueSearchMs(count: number, pdf: Uint8Array, median: (work: () => unknown) => Promise<number>): Promise<Figure> {
  return withDemoDatabase(async (deps, path) => {
    const raw = new Database(path);
    const insert = raw.prepare(
      `insert into applications (reference, region_code, company_name, owner_name, account_number, numbers, contact_number, email, representative_name, locale, status, submitted_at, submission_key, receipt_token, verification_code, pdf, pdf_sha256)
       values (?, 'ural', ?, 'Ёлкина Анна Петровна', ?, ?, '+79123456789', 'a@example.com', 'Петров Пётр', 'ru', 'submitted', ?, ?, ?, ?, ?, 'x')`,
    );
    const started = Date.now() - count * 60_000;
    raw.transaction(() => {
      for (let i = 0; i < count; i++) {
        const company = i % 100 === 7 ? `ООО «Ромашка-${i}»` : `ООО «Предприятие ${i}»`;
        const numbers = JSON.stringify([`+7912${String(1_000_000 + i).padStart(7, "0")}`]);
        insert.run(`URL-2026-B${i}`, company, String(400_000_000 + i), numbers, started + i * 60_000, randomUUID(), randomUUID(), randomUUID(), Buffer.from(pdf));
      }
    })();

    const token = await logIn(deps, { regionCode: "ural", login: "staff", password: "Office2026demo", clientAddress: "127.0.0.1" });
    if (!token.ok) throw new Error("bench staff login failed");
    const staff = findSessionActor(deps, token.sessionToken) as Actor;
    const ours = await median(() => listReviewQueue(deps, staff, { status: "all", q: "ромашка" }));

    const bare = raw.prepare(
      `select id, reference, company_name, account_number, numbers, status, submitted_at, decided_at from applications
       where region_code = 'ural' and (instr(reference, ?) > 0 or instr(company_name, ?) > 0 or instr(account_number, ?) > 0 or instr(numbers, ?) > 0)
       order by submitted_at, id limit 200`,
    );
    const baseline = await median(() => bare.all("Ромашка", "Ромашка", "Ромашка", "Ромашка"));
    raw.close();
    return { ours, baseline };
  });
}
