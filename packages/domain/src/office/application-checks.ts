import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/open-database.ts";
import { accounts, lines } from "../db/schema.ts";
import { foldText } from "../shared/text-folding.ts";

export type ApplicationCheck =
  | { code: "account.exists"; ok: boolean }
  | { code: "numbers.belong"; ok: boolean; foreign: string[] }
  | { code: "owner.matches"; ok: boolean; onRecord: string | null }
  | { code: "account.company"; ok: boolean };

/** Names compared the way people write them: case, ё/е and extra spaces don't matter. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => foldText(s).replace(/[\s.]+/g, " ").trim();
  return norm(a) === norm(b);
}

/**
 * Checks an application against the operator's records: the account exists in the region, every
 * number is a live line of that account, the owner's name matches the account's.
 */
export function checkApplicationAgainstRecords(
  db: Db,
  app: { regionCode: string; accountNumber: string; numbers: string[]; ownerName: string },
): { checks: ApplicationCheck[]; account: typeof accounts.$inferSelect | undefined } {
  const account = db
    .select()
    .from(accounts)
    .where(and(eq(accounts.regionCode, app.regionCode), eq(accounts.accountNumber, app.accountNumber)))
    .get();
  if (!account) {
    return {
      account,
      checks: [
        { code: "account.exists", ok: false },
        { code: "numbers.belong", ok: false, foreign: app.numbers },
        { code: "owner.matches", ok: false, onRecord: null },
      ],
    };
  }
  const ownLines = new Set(
    db
      .select({ msisdn: lines.msisdn })
      .from(lines)
      .where(and(eq(lines.accountId, account.id), inArray(lines.msisdn, app.numbers), isNull(lines.terminatedAt)))
      .all()
      .map((l) => l.msisdn),
  );
  const foreign = app.numbers.filter((n) => !ownLines.has(n));
  return {
    account,
    checks: [
      { code: "account.exists", ok: true },
      { code: "numbers.belong", ok: foreign.length === 0, foreign },
      { code: "owner.matches", ok: sameName(account.ownerName, app.ownerName), onRecord: account.ownerName },
      // Informational: an account already linked to a company gets one more administrator.
      { code: "account.company", ok: true },
    ],
  };
}
