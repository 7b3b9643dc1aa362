import { hashPassword, newTemporaryPassword } from "../auth/passwords.ts";
import { inTransaction } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { createDemoCompany } from "./demo-companies.ts";
import { continueDemoHistory, planDemoHistory } from "./demo-history.ts";

/** Number blocks of a million (+7 961 …, +7 962 …, +7 980 …): mobile ranges the generator fills. */
const numberBlocks = ["961", "962", "963", "964", "965", "966", "967", "968", "969", "980", "981", "982", "983", "984", "985", "986", "987", "988", "989"];

/**
 * Realistic traffic is about 110 events per line and month. A company of tens of thousands of
 * lines gets a thinner history by default (about a million events a month in all), so that it is
 * generated in a minute rather than an hour; `intensity: 1` asks for the full volume.
 */
export function defaultIntensity(lines: number): number {
  return Math.min(1, 1_000_000 / (lines * 110));
}

export interface GeneratedDemoCompany {
  companyId: number;
  companyName: string;
  login: string;
  password: string;
  lines: number;
  events: number;
  seconds: { company: number; history: number };
}

/**
 * A large invented company for benchmarks and by-hand checks: `lines` lines (numbers from a free
 * block), departments, employees, services, and `months` months of rated usage, fees and payments,
 * with an administrator whose password is returned once. Lines are written set-based; the usage
 * goes through `rateUsageEvents` in large batches.
 */
export async function generateDemoCompany(
  deps: Deps,
  input: { regionCode: string; lines: number; months: number; seed?: number; intensity?: number; onProgress?: (eventsRated: number) => void },
): Promise<GeneratedDemoCompany> {
  if (!Number.isSafeInteger(input.lines) || input.lines < 1 || input.lines > 1_000_000) throw new DomainError("invalid", "lines: 1 … 1,000,000");
  if (!Number.isSafeInteger(input.months) || input.months < 0 || input.months > 12) throw new DomainError("invalid", "months: 0 … 12");
  const sqlite = deps.db.$client;
  const block = numberBlocks.find((prefix) => !sqlite.prepare("select 1 from lines where msisdn >= ? and msisdn < ? limit 1").get(`+7${prefix}`, `+7${prefix}~`));
  if (!block) throw new DomainError("conflict", "no free block of numbers left for demo companies");
  const password = newTemporaryPassword();
  const passwordHash = await hashPassword(password);
  const seed = input.seed ?? Number.parseInt(block, 10);
  const companyName = `АО «Демо-${block} Холдинг»`;
  const started = performance.now();
  const now = deps.clock.now();
  const created = inTransaction(deps.db, (tx) => {
    const { companyId } = createDemoCompany(tx, {
      regionCode: input.regionCode,
      companyName,
      holderName: companyName,
      ownerName: "Демидов Олег Станиславович",
      accountNumber: `9${block}${String(input.lines).padStart(7, "0")}`.slice(0, 12),
      lineCount: input.lines,
      msisdnOf: (i) => `+7${block}${String(i).padStart(7, "0")}`,
      seed,
      activatedAt: new Date(now.getTime() - 400 * 86_400_000),
    });
    if (companyId === null) throw new Error("company not created");
    const login = `demo${block}`;
    tx.insert(users)
      .values({ regionCode: input.regionCode, login, displayName: "Демидов Олег Станиславович", passwordHash, role: "company_admin", companyId, email: `${login}@company.example`, mustChangePassword: false, createdAt: now })
      .run();
    return { companyId, login };
  });
  const companySeconds = (performance.now() - started) / 1000;
  const historyStarted = performance.now();
  let events = 0;
  planDemoHistory(deps, { companyId: created.companyId, regionCode: input.regionCode, months: input.months, seed });
  // A week at a time, so that the caller can show progress.
  const intensity = input.intensity ?? defaultIntensity(input.lines);
  while (
    continueDemoHistory(deps, {
      companyIds: [created.companyId],
      maxDays: 7,
      intensity,
      onProgress: (rated) => {
        events += rated;
        input.onProgress?.(events);
      },
    })
  );
  return {
    companyId: created.companyId,
    companyName,
    login: created.login,
    password,
    lines: input.lines,
    events,
    seconds: { company: companySeconds, history: (performance.now() - historyStarted) / 1000 },
  };
}
