// Test support for the office's use cases (imported by *.test.ts only).
import { and, eq } from "drizzle-orm";
import { submitApplication } from "../applications/submit-application.ts";
import type { Actor } from "../auth/actor.ts";
import { createStaffUser } from "../auth/users.ts";
import { accounts, applications, companies, tariffs, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { issueLines } from "../lines/issue-lines.ts";
import { applicationFormFactory } from "../testing/factories.ts";
import { createTestDeps } from "../testing/test-deps.ts";

/** An account of the operator's records with its lines, as billing would hold it. */
export function addAccount(
  deps: Deps,
  input: { regionCode?: string; accountNumber: string; ownerName: string; msisdns: string[]; companyId?: number | null },
) {
  const regionCode = input.regionCode ?? "ural";
  const tariff = deps.db.select().from(tariffs).where(eq(tariffs.regionCode, regionCode)).get();
  if (!tariff) throw new Error(`no tariff in ${regionCode}`);
  const { id } = deps.db
    .insert(accounts)
    .values({
      regionCode,
      accountNumber: input.accountNumber,
      holderName: "ООО «Ромашка»",
      ownerName: input.ownerName,
      companyId: input.companyId ?? null,
      createdAt: deps.clock.now(),
    })
    .returning({ id: accounts.id })
    .get();
  issueLines(deps.db, { accountId: id, activatedAt: deps.clock.now(), lines: input.msisdns.map((msisdn) => ({ msisdn, tariffId: tariff.id })) });
  return id;
}

export async function addStaff(deps: Deps, regionCode: string, login = "staff"): Promise<Actor> {
  const { userId } = await createStaffUser(deps, {
    regionCode,
    login,
    displayName: `Staff ${regionCode}`,
    password: "Office2026demo",
    mustChangePassword: false,
  });
  return { userId, login, displayName: `Staff ${regionCode}`, role: "office_staff", regionCode, companyId: null, mustChangePassword: false };
}

export async function submit(deps: Deps, overrides: Record<string, string> = {}) {
  const result = await submitApplication(deps, applicationFormFactory(overrides), { locale: "ru" });
  if (!result.ok) throw new Error(`factory application invalid: ${JSON.stringify(result.fieldErrors)}`);
  const app = deps.db.select().from(applications).where(eq(applications.reference, result.reference)).get();
  if (!app) throw new Error("application not stored");
  return app;
}

/**
 * Ural's office with account 100200300 whose lines are exactly the factory application's numbers
 * and whose owner is the factory's owner (written in capitals and with "е" for "ё").
 */
export async function officeFixture() {
  const deps = createTestDeps();
  const accountId = addAccount(deps, {
    accountNumber: "100200300",
    ownerName: "ЕЛКИНА-Д'АРК анна  петровна",
    msisdns: ["+79123456789", "+79123456790", "+79123456791"],
  });
  const staff = await addStaff(deps, "ural");
  const moscowStaff = await addStaff(deps, "moscow");
  return { deps, accountId, staff, moscowStaff };
}

export function companyAdmins(deps: Deps) {
  return deps.db.select().from(users).where(eq(users.role, "company_admin")).all();
}

export function companyCount(deps: Deps) {
  return deps.db.select().from(companies).all().length;
}

export function applicationRow(deps: Deps, id: number) {
  return deps.db.select().from(applications).where(and(eq(applications.id, id))).get();
}
