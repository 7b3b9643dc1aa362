import { and, asc, count, eq } from "drizzle-orm";
import { type Actor, can } from "../auth/actor.ts";
import { accounts, companies, lines, tariffs } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { DomainError } from "../errors.ts";
import { findRegion } from "../regions/regions.ts";

/**
 * The company administrator's start page: the company, its region, its accounts and every line on
 * them. Scoped by the actor's company in every query, never by anything the request says.
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

  const companyAccounts = deps.db
    .select({ id: accounts.id, accountNumber: accounts.accountNumber, lineCount: count(lines.id) })
    .from(accounts)
    .leftJoin(lines, eq(lines.accountId, accounts.id))
    .where(eq(accounts.companyId, companyId))
    .groupBy(accounts.id)
    .orderBy(asc(accounts.accountNumber))
    .all();

  const companyLines = deps.db
    .select({
      id: lines.id,
      msisdn: lines.msisdn,
      accountNumber: accounts.accountNumber,
      employeeName: lines.employeeName,
      department: lines.department,
      status: lines.status,
      tariffNameRu: tariffs.nameRu,
      tariffNameEn: tariffs.nameEn,
    })
    .from(lines)
    .innerJoin(accounts, eq(accounts.id, lines.accountId))
    .innerJoin(tariffs, eq(tariffs.id, lines.tariffId))
    .where(eq(accounts.companyId, companyId))
    .orderBy(asc(lines.msisdn))
    .all();

  return {
    company: { id: company.id, name: company.name, ownerName: company.ownerName },
    region: { code: region.code, nameRu: region.nameRu, nameEn: region.nameEn, timeZone: region.timeZone },
    accounts: companyAccounts.map(({ accountNumber, lineCount }) => ({ accountNumber, lineCount })),
    lineCount: companyLines.length,
    lines: companyLines,
  };
}
