import { eq } from "drizzle-orm";
import type { Db } from "../db/open-database.ts";
import { accounts, companies, departments, tariffs } from "../db/schema.ts";
import { foldText } from "../shared/text-folding.ts";
import { departmentNames, employeeName, pick, seededRandom } from "./employee-names.ts";

export interface DemoCompanySpec {
  regionCode: string;
  /** Null: the account stays the operator's record only (no company until an application is approved). */
  companyName: string | null;
  holderName: string;
  ownerName: string;
  accountNumber: string;
  lineCount: number;
  msisdnOf: (index: number) => string;
  seed: number;
  activatedAt: Date;
  /** Names and departments of the first lines, when they must be exactly these. */
  fixedEmployees?: readonly (readonly [string, string])[];
}

/** How the demo spreads its lines over the catalogue's tariffs (codes, weight). */
const tariffMix: readonly [string, number][] = [
  ["biz-start", 34],
  ["biz-pro", 30],
  ["biz-unlim", 10],
  ["biz-data", 8],
  ["biz-payg", 7],
  ["biz-iot", 6],
  ["biz-chief", 5],
];

function weighted(random: () => number, codes: readonly [string, number][]): string {
  const total = codes.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [code, weight] of codes) {
    roll -= weight;
    if (roll < 0) return code;
  }
  return (codes[0] as [string, number])[0];
}

/**
 * A demo company: the company (unless `companyName` is null), its account, its departments and
 * `lineCount` lines with employees, tariffs, services and a few blocks. Set-based: every table is
 * written with one statement from a JSON array, so 100,000 lines take seconds. Deterministic by seed.
 */
export function createDemoCompany(db: Db, spec: DemoCompanySpec): { companyId: number | null; accountId: number } {
  const random = seededRandom(spec.seed);
  const sqlite = db.$client;
  const now = spec.activatedAt;
  const companyId = spec.companyName
    ? db
        .insert(companies)
        .values({ regionCode: spec.regionCode, name: spec.companyName, ownerName: spec.ownerName, createdAt: now })
        .returning({ id: companies.id })
        .get().id
    : null;
  const { id: accountId } = db
    .insert(accounts)
    .values({ regionCode: spec.regionCode, accountNumber: spec.accountNumber, holderName: spec.holderName, ownerName: spec.ownerName, companyId, createdAt: now })
    .returning({ id: accounts.id })
    .get();
  const regionTariffs = new Map(
    db
      .select({ id: tariffs.id, code: tariffs.code })
      .from(tariffs)
      .where(eq(tariffs.regionCode, spec.regionCode))
      .all()
      .map((t) => [t.code, t.id]),
  );
  const mix = tariffMix.filter(([code]) => regionTariffs.has(code));
  const fallbackTariff = [...regionTariffs.values()][0];
  if (fallbackTariff === undefined) throw new Error(`no tariffs in ${spec.regionCode}`);

  // Departments: more of them in a larger company; the fixed employees' departments first.
  const departmentIds = new Map<string, number>();
  if (companyId !== null) {
    const wanted = new Set<string>((spec.fixedEmployees ?? []).map(([, department]) => department));
    const count = Math.min(departmentNames.length, Math.max(4, Math.round(Math.log2(spec.lineCount + 1) * 1.2)));
    for (const name of departmentNames.slice(0, count)) wanted.add(name);
    for (const name of wanted) {
      const { id } = db
        .insert(departments)
        .values({ companyId, name, nameFolded: foldText(name), createdAt: now })
        .returning({ id: departments.id })
        .get();
      departmentIds.set(name, id);
    }
  }
  const departmentList = [...departmentIds.keys()];

  const rows: unknown[][] = [];
  for (let index = 0; index < spec.lineCount; index++) {
    const fixed = spec.fixedEmployees?.[index];
    // About one line in twelve is a device or a spare SIM without an employee.
    const name = fixed ? fixed[0] : companyId !== null && random() < 0.92 ? employeeName(random) : null;
    const department = fixed ? fixed[1] : departmentList.length > 0 ? pick(random, departmentList) : null;
    const tariffCode = department === "Руководство" ? "biz-chief" : weighted(random, mix);
    rows.push([
      spec.msisdnOf(index),
      regionTariffs.get(tariffCode) ?? fallbackTariff,
      department ? (departmentIds.get(department) ?? null) : null,
      name,
      name ? foldText(name) : null,
    ]);
  }
  sqlite
    .prepare(
      `insert into lines (region_code, company_id, account_id, msisdn, tariff_id, department_id, employee_name, employee_name_folded, activated_at, created_at)
       select @region, @company, @account, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, @activated, @activated
       from json_each(@rows)`,
    )
    .run({ region: spec.regionCode, company: companyId, account: accountId, activated: now.getTime(), rows: JSON.stringify(rows) });

  // Services: free ones on most lines, paid ones on some — only those each line's tariff allows.
  sqlite
    .prepare(
      `insert into line_services (line_id, service_id, region_code, activated_at)
       select l.id, s.id, l.region_code, l.activated_at
       from lines l join tariff_services ts on ts.tariff_id = l.tariff_id join services s on s.id = ts.service_id
       where l.account_id = @account
         and ((l.id * 7919 + s.id * 104729 + @seed) % 100) < case when s.monthly_fee = 0 then 60 else 18 end`,
    )
    .run({ account: accountId, seed: spec.seed % 1000 });
  if (companyId !== null && spec.lineCount >= 50) {
    // A few blocks, some lines with two reasons at once.
    sqlite
      .prepare(
        `insert into line_blocks (line_id, reason, blocked_at)
         select id, 'voluntary', activated_at from lines where account_id = @account and (id * 31 + @seed) % 50 = 0
         union all
         select id, 'loss', activated_at from lines where account_id = @account and (id * 17 + @seed) % 150 = 0`,
      )
      .run({ account: accountId, seed: spec.seed % 1000 });
  }
  return { companyId, accountId };
}
