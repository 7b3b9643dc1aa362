import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db/open-database.ts";
import { accounts, lines, tariffs } from "../db/schema.ts";
import { foldText } from "../shared/text-folding.ts";

export interface NewLine {
  msisdn: string;
  tariffId?: number;
  employeeName?: string | null;
  departmentId?: number | null;
}

/**
 * Issues numbers on an account, as the operator's billing does: each becomes a line of the
 * account's region and company (if the account has one). A number live on another line is refused
 * by the database (unique among live lines). Without a tariff, the region's first tariff.
 */
export function issueLines(db: Db, input: { accountId: number; activatedAt: Date; lines: NewLine[] }): number[] {
  const account = db.select().from(accounts).where(eq(accounts.id, input.accountId)).get();
  if (!account) throw new Error(`account ${input.accountId} not found`);
  let defaultTariffId: number | undefined;
  const ids: number[] = [];
  for (const line of input.lines) {
    defaultTariffId ??= line.tariffId
      ? undefined
      : db
          .select({ id: tariffs.id })
          .from(tariffs)
          .where(and(eq(tariffs.regionCode, account.regionCode), eq(tariffs.archived, false)))
          .orderBy(asc(tariffs.id))
          .get()?.id;
    const tariffId = line.tariffId ?? defaultTariffId;
    if (!tariffId) throw new Error(`no tariff in ${account.regionCode}`);
    const employeeName = line.employeeName ?? null;
    const { id } = db
      .insert(lines)
      .values({
        regionCode: account.regionCode,
        companyId: account.companyId,
        accountId: account.id,
        msisdn: line.msisdn,
        tariffId,
        departmentId: line.departmentId ?? null,
        employeeName,
        employeeNameFolded: employeeName ? foldText(employeeName) : null,
        activatedAt: input.activatedAt,
      })
      .returning({ id: lines.id })
      .get();
    ids.push(id);
  }
  return ids;
}

/** Terminates a line: the number is free to be issued again, as a new line with its own history. */
export function terminateLine(db: Db, lineId: number, at: Date): void {
  db.update(lines).set({ terminatedAt: at, version: sql`${lines.version} + 1` }).where(eq(lines.id, lineId)).run();
}
