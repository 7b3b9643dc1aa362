import { and, asc, count, eq, isNull } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import { accounts, companies, departments, lines, tariffs } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { blockReasonsOf, lineStatusOf } from "../lines/line-status.ts";
import { findRegion } from "../regions/regions.ts";

/**
 * The company administrator's start page: the company, its region, its accounts and every live line
 * of the company. Scoped by the actor's company in every query, never by anything the request says.
 */
export function getCompanyOverview(deps: Deps, actor: Actor) {
  if (!can(actor, "cabinet:view") || actor.companyId == null) throw new DomainError("forbidden", "not a company administrator");
  const companyId = actor.companyId;
  const company = deps.db
    .select({ id: companies.id, name: companies.name, ownerName: companies.ownerName, regionCode: companies.regionCode })
    .from(companies)
    .where(and(eq(companies.id, companyId), eq(companies.regionCode, actor.regionCode)))
    .get();
  if (!company) throw new DomainError("not_found", "company not found");
  const region = findRegion(deps, company.regionCode);
  if (!region) throw new DomainError("not_found", "region not found");

  // Lines carry their company: counted per account among the company's live lines.
  const liveLines = and(eq(lines.companyId, companyId), isNull(lines.terminatedAt));
  const lineCounts = new Map(
    deps.db
      .select({ accountId: lines.accountId, lineCount: count() })
      .from(lines)
      .where(liveLines)
      .groupBy(lines.accountId)
      .all()
      .map((row) => [row.accountId, row.lineCount]),
  );
  const companyAccounts = deps.db
    .select({ id: accounts.id, accountNumber: accounts.accountNumber })
    .from(accounts)
    .where(eq(accounts.companyId, companyId))
    .orderBy(asc(accounts.accountNumber))
    .all()
    .map((account) => ({ ...account, lineCount: lineCounts.get(account.id) ?? 0 }));

  const companyLines = deps.db
    .select({
      id: lines.id,
      msisdn: lines.msisdn,
      accountNumber: accounts.accountNumber,
      employeeName: lines.employeeName,
      department: departments.name,
      blockMask: lines.blockMask,
      tariffNameRu: tariffs.nameRu,
      tariffNameEn: tariffs.nameEn,
    })
    .from(lines)
    .innerJoin(accounts, eq(accounts.id, lines.accountId))
    .innerJoin(tariffs, eq(tariffs.id, lines.tariffId))
    .leftJoin(departments, eq(departments.id, lines.departmentId))
    .where(liveLines)
    .orderBy(asc(lines.msisdn))
    .all()
    .map(({ blockMask, ...line }) => ({ ...line, status: lineStatusOf(blockMask), blocks: blockReasonsOf(blockMask) }));

  return {
    company: { id: company.id, name: company.name, ownerName: company.ownerName },
    region: { code: region.code, nameRu: region.nameRu, nameEn: region.nameEn, timeZone: region.timeZone },
    accounts: companyAccounts.map(({ accountNumber, lineCount }) => ({ accountNumber, lineCount })),
    lineCount: companyLines.length,
    lines: companyLines,
  };
}
