// Test support for lines and usage (imported by *.test.ts only).
import { and, eq } from "drizzle-orm";
import type { Actor } from "../auth/actor.ts";
import { accounts, companies, tariffs, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { issueLines } from "../lines/issue-lines.ts";
import { createTestDeps } from "../testing/test-deps.ts";

export function tariffOf(deps: Deps, regionCode: string, code: string) {
  const tariff = deps.db.select().from(tariffs).where(and(eq(tariffs.regionCode, regionCode), eq(tariffs.code, code))).get();
  if (!tariff) throw new Error(`no ${code} in ${regionCode}`);
  return tariff;
}

/** A company of a region with an account, an administrator and lines on the given tariff. */
export function addCompany(
  deps: Deps,
  input: { regionCode: string; name: string; accountNumber: string; msisdns: string[]; tariffCode?: string; login?: string },
): { companyId: number; accountId: number; lineIds: number[]; admin: Actor } {
  const now = deps.clock.now();
  const { id: companyId } = deps.db.insert(companies).values({ regionCode: input.regionCode, name: input.name, ownerName: "Владелец", createdAt: now }).returning().get();
  const { id: accountId } = deps.db
    .insert(accounts)
    .values({ regionCode: input.regionCode, accountNumber: input.accountNumber, holderName: input.name, ownerName: "Владелец", companyId, createdAt: now })
    .returning()
    .get();
  const tariff = tariffOf(deps, input.regionCode, input.tariffCode ?? "biz-start");
  const lineIds = issueLines(deps.db, { accountId, activatedAt: new Date("2026-01-01T00:00:00Z"), lines: input.msisdns.map((msisdn) => ({ msisdn, tariffId: tariff.id })) });
  const login = input.login ?? `admin${companyId}`;
  const { id: userId } = deps.db
    .insert(users)
    .values({ regionCode: input.regionCode, login, displayName: "Администратор", passwordHash: "x", role: "company_admin", companyId, mustChangePassword: false, createdAt: now })
    .returning()
    .get();
  const admin: Actor = { userId, login, displayName: "Администратор", role: "company_admin", regionCode: input.regionCode, companyId, mustChangePassword: false };
  return { companyId, accountId, lineIds, admin };
}

/** Two companies of Ural and one each in Moscow and the Far East. */
export function usageFixture() {
  const deps = createTestDeps();
  const ural = addCompany(deps, { regionCode: "ural", name: "ООО «Уралтест»", accountNumber: "500000001", msisdns: ["+79120000001", "+79120000002"] });
  const other = addCompany(deps, { regionCode: "ural", name: "АО «Другая»", accountNumber: "500000002", msisdns: ["+79120000099"] });
  const moscow = addCompany(deps, { regionCode: "moscow", name: "ООО «Москва»", accountNumber: "500000003", msisdns: ["+79160000001"] });
  const fareast = addCompany(deps, { regionCode: "fareast", name: "ООО «Восток»", accountNumber: "500000004", msisdns: ["+79140000001"] });
  return { deps, ural, other, moscow, fareast };
}
