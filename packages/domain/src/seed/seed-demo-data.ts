import { count } from "drizzle-orm";
import { submitApplication } from "../applications/submit-application.ts";
import { hashPassword } from "../auth/passwords.ts";
import { inTransaction } from "../db/open-database.ts";
import { users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { regionCatalogue } from "../regions/region-catalogue.ts";
import { createDemoCompany, type DemoCompanySpec } from "./demo-companies.ts";
import { continueDemoHistory, planDemoHistory, recordDemoPayments } from "./demo-history.ts";

export const DEMO_STAFF_LOGIN = "staff";
export const DEMO_STAFF_PASSWORD = "Office2026demo";
export const DEMO_ADMIN_LOGIN = "vector";
export const DEMO_ADMIN_PASSWORD = "Vector2026demo";
/** The larger demo companies, in Ural only: 300 and 5,000 lines. */
export const DEMO_LARGE_COMPANIES = [
  { login: "polus", password: "Polus2026demo", companyName: "ООО «Полюс-Логистик»", ownerName: "Гарипов Ренат Ильдарович", accountNumber: "100200310", lineCount: 300, msisdnOf: (i: number) => `+792240${String(i).padStart(5, "0")}` },
  { login: "gorizont", password: "Gorizont2026demo", companyName: "ПАО «Горизонт Ритейл»", ownerName: "Лебедева Ксения Андреевна", accountNumber: "100200320", lineCount: 5000, msisdnOf: (i: number) => `+79225${String(i).padStart(6, "0")}` },
] as const;

const demoAccounts = [
  { suffix: "300", holder: "ООО «Ромашка»", owner: "Ёлкина-Д'Арк Анна Петровна", lines: 6, company: false },
  { suffix: "301", holder: "АО «Вектор»", owner: "Соколов Игорь Павлович", lines: 12, company: true },
  { suffix: "302", holder: "ИП Кузнецова М. А.", owner: "Кузнецова Мария Алексеевна", lines: 3, company: false },
] as const;
const vectorEmployees = [
  ["Иванов Сергей Петрович", "Продажи"],
  ["Смирнова Ольга Викторовна", "Бухгалтерия"],
  ["Попов Андрей Николаевич", "Логистика"],
  ["Васильева Елена Игоревна", "Продажи"],
  ["Новиков Дмитрий Олегович", "ИТ"],
  ["Морозова Татьяна Юрьевна", "Руководство"],
] as const;

/** `+79123456789` for Ural's first account (the numbers the examples use), distinct elsewhere. */
function demoMsisdn(regionIndex: number, accountIndex: number, lineIndex: number): string {
  if (regionIndex === 6 && accountIndex === 0) return `+7912345${6789 + lineIndex}`;
  return `+79${String(200_000_000 + regionIndex * 1_000_000 + accountIndex * 1000 + lineIndex)}`;
}

export interface DemoDataOptions {
  /** The 300- and 5,000-line companies of Ural (the portal's demo; tests do without them). */
  largeCompanies?: boolean;
  /**
   * Three months of usage, fees and payments for every company: rated at once for АО «Вектор»,
   * planned for the large ones (rated by `startDemoHistoryWorker`; "all" rates them at once too).
   */
  history?: boolean | "all";
}

/**
 * Fills an empty database with invented demo data: in every region three accounts of the
 * operator's records, one of them АО «Вектор» (12 lines) with its administrator, and office staff;
 * optionally in Ural two larger companies (300 and 5,000 lines) and the companies' months of
 * history (see DemoDataOptions); and a few applications for Ural's office to review.
 * Returns the credentials to print on start (none when the database already had users).
 */
export async function seedDemoData(deps: Deps, options: DemoDataOptions = {}): Promise<string[]> {
  const { db } = deps;
  if ((db.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return [];
  const staffHash = await hashPassword(DEMO_STAFF_PASSWORD);
  const adminHash = await hashPassword(DEMO_ADMIN_PASSWORD);
  const largeCompanies = options.largeCompanies ? DEMO_LARGE_COMPANIES : [];
  const largeHashes = await Promise.all(largeCompanies.map((c) => hashPassword(c.password)));
  const now = deps.clock.now();
  // Lines were issued well before the history starts.
  const issuedAt = new Date(now.getTime() - 400 * 86_400_000);
  const companiesWithHistory: { companyId: number; accountId: number; regionCode: string; lines: number }[] = [];
  const accountsWithoutCompany: { accountId: number; regionCode: string }[] = [];
  const zoneOf = (regionCode: string) => regionCatalogue.find((r) => r.code === regionCode)?.timeZone ?? "Europe/Moscow";

  inTransaction(db, () => {
    regionCatalogue.forEach((region, regionIndex) => {
      db.insert(users)
        .values({
          regionCode: region.code,
          login: DEMO_STAFF_LOGIN,
          displayName: `Сотрудник офиса (${region.nameRu})`,
          passwordHash: staffHash,
          role: "office_staff",
          mustChangePassword: false,
          createdAt: now,
        })
        .run();
      demoAccounts.forEach((demo, accountIndex) => {
        const accountNumber = region.code === "ural" ? `100200${demo.suffix}` : `10${regionIndex + 10}00${demo.suffix}`;
        const spec: DemoCompanySpec = {
          regionCode: region.code,
          companyName: demo.company ? demo.holder : null,
          holderName: demo.holder,
          ownerName: demo.owner,
          accountNumber,
          lineCount: demo.lines,
          msisdnOf: (i) => demoMsisdn(regionIndex, accountIndex, i),
          seed: 1000 + regionIndex * 10 + accountIndex,
          activatedAt: issuedAt,
          ...(demo.company ? { fixedEmployees: vectorEmployees } : {}),
        };
        const { companyId, accountId } = createDemoCompany(db, spec);
        if (companyId === null) {
          accountsWithoutCompany.push({ accountId, regionCode: region.code });
          return;
        }
        companiesWithHistory.push({ companyId, accountId, regionCode: region.code, lines: demo.lines });
        db.insert(users)
          .values({
            regionCode: region.code,
            login: DEMO_ADMIN_LOGIN,
            displayName: demo.owner,
            passwordHash: adminHash,
            role: "company_admin",
            companyId,
            contactMsisdn: demoMsisdn(regionIndex, accountIndex, 0),
            email: `${DEMO_ADMIN_LOGIN}.${region.code}@company.example`,
            mustChangePassword: false,
            createdAt: now,
          })
          .run();
      });
    });
    largeCompanies.forEach((demo, index) => {
      const { companyId, accountId } = createDemoCompany(db, {
        regionCode: "ural",
        companyName: demo.companyName,
        holderName: demo.companyName,
        ownerName: demo.ownerName,
        accountNumber: demo.accountNumber,
        lineCount: demo.lineCount,
        msisdnOf: demo.msisdnOf,
        seed: 2000 + index,
        activatedAt: issuedAt,
      });
      if (companyId === null) return;
      companiesWithHistory.push({ companyId, accountId, regionCode: "ural", lines: demo.lineCount });
      db.insert(users)
        .values({
          regionCode: "ural",
          login: demo.login,
          displayName: demo.ownerName,
          passwordHash: largeHashes[index] as string,
          role: "company_admin",
          companyId,
          contactMsisdn: demo.msisdnOf(0),
          email: `${demo.login}@company.example`,
          mustChangePassword: false,
          createdAt: now,
        })
        .run();
    });
  });

  // АО «Вектор»'s history is rated now (a second or two); the 300- and 5,000-line companies' is left
  // to `startDemoHistoryWorker`, which the portal runs once it is up (pages ask `demoHistoryStatus`).
  if (options.history) {
    for (const [index, company] of companiesWithHistory.entries()) {
      planDemoHistory(deps, { companyId: company.companyId, regionCode: company.regionCode, months: 3, seed: 700 + index });
    }
    const ratedNow = companiesWithHistory.filter((c) => options.history === "all" || c.lines < 100).map((c) => c.companyId);
    continueDemoHistory(deps, { companyIds: ratedNow });
    // The accounts without a company (yet) were charged their fees too; they paid them.
    inTransaction(db, () => {
      for (const { accountId, regionCode } of accountsWithoutCompany) {
        // From four months back: the months whose fees the history charged.
        recordDemoPayments(deps, accountId, zoneOf(regionCode), now.getTime() - 130 * 86_400_000, now.getTime());
      }
    });
  }

  // Applications for Ural's office to review: one that matches the records, two that don't.
  const demoApplications = [
    { accountNumber: "100200302", companyName: "ИП Кузнецова М. А.", ownerName: "Кузнецова Мария Алексеевна", numbers: "+7 920 600-20-00" },
    { accountNumber: "100200300", companyName: "ООО «Ромашка»", ownerName: "Ёлкин Андрей Петрович", numbers: "+7 912 345-67-89\n+7 999 000-00-01" },
    { accountNumber: "999888777", companyName: "\"Рога и копыта\"", ownerName: "Бендер Остап Ибрагимович", numbers: "+7 999 000-00-02" },
  ];
  for (const [index, demo] of demoApplications.entries()) {
    const contact = demo.numbers.split("\n")[0] ?? "";
    await submitApplication(
      deps,
      {
        regionCode: "ural",
        ...demo,
        contactNumber: contact,
        email: `applicant${index + 1}@example.com`,
        representativeName: "Петров Пётр Петрович",
        submissionKey: `demo-application-${index + 1}-xxxxxxxx`,
      },
      { locale: "ru" },
    );
  }

  return [
    `Office staff, every region: login "${DEMO_STAFF_LOGIN}", password "${DEMO_STAFF_PASSWORD}"`,
    `Company administrator (АО «Вектор», 12 lines), every region: login "${DEMO_ADMIN_LOGIN}", password "${DEMO_ADMIN_PASSWORD}"`,
    ...largeCompanies.map((c) => `Company administrator (${c.companyName}, ${c.lineCount} lines), Ural: login "${c.login}", password "${c.password}"`),
  ];
}
