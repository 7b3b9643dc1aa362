import { count, eq } from "drizzle-orm";
import { submitApplication } from "../applications/submit-application.ts";
import { hashPassword } from "../auth/passwords.ts";
import { accounts, companies, lines, tariffs, users } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { regionCatalogue } from "../regions/region-catalogue.ts";

export const DEMO_STAFF_LOGIN = "staff";
export const DEMO_STAFF_PASSWORD = "Office2026demo";
export const DEMO_ADMIN_LOGIN = "vector";
export const DEMO_ADMIN_PASSWORD = "Vector2026demo";

const demoAccounts = [
  { suffix: "300", holder: "ООО «Ромашка»", owner: "Ёлкина-Д'Арк Анна Петровна", lines: 6 },
  { suffix: "301", holder: "АО «Вектор»", owner: "Соколов Игорь Павлович", lines: 12 },
  { suffix: "302", holder: "ИП Кузнецова М. А.", owner: "Кузнецова Мария Алексеевна", lines: 3 },
];
const employees = [
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

/**
 * Fills an empty database with invented demo data: accounts and lines in every region, one office
 * staff login per region, one company with an administrator, and a few applications to review.
 * Returns the credentials to print on start (none when the database already had users).
 */
export async function seedDemoData(deps: Deps): Promise<string[]> {
  const { db } = deps;
  if ((db.select({ n: count() }).from(users).get()?.n ?? 0) > 0) return [];
  const staffHash = await hashPassword(DEMO_STAFF_PASSWORD);
  const adminHash = await hashPassword(DEMO_ADMIN_PASSWORD);
  const now = deps.clock.now();

  db.$client.transaction(() => {
    regionCatalogue.forEach((region, regionIndex) => {
      const tariff = db.select().from(tariffs).where(eq(tariffs.regionCode, region.code)).get();
      if (!tariff) throw new Error(`no tariffs in ${region.code}`);
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
        const accountNumber = `10${regionIndex + 10}00${demo.suffix}`;
        const number = region.code === "ural" ? `100200${demo.suffix}` : accountNumber;
        const companyId =
          accountIndex === 1
            ? db
                .insert(companies)
                .values({ regionCode: region.code, name: demo.holder, ownerName: demo.owner, createdAt: now })
                .returning({ id: companies.id })
                .get().id
            : null;
        const { id: accountId } = db
          .insert(accounts)
          .values({ regionCode: region.code, accountNumber: number, holderName: demo.holder, ownerName: demo.owner, companyId, createdAt: now })
          .returning({ id: accounts.id })
          .get();
        db.insert(lines)
          .values(
            Array.from({ length: demo.lines }, (_, lineIndex) => {
              const [employeeName, department] = employees[lineIndex % employees.length] ?? [];
              return {
                accountId,
                msisdn: demoMsisdn(regionIndex, accountIndex, lineIndex),
                tariffId: tariff.id,
                employeeName,
                department,
                createdAt: now,
              };
            }),
          )
          .run();
        if (companyId) {
          db.insert(users)
            .values({
              regionCode: region.code,
              login: DEMO_ADMIN_LOGIN,
              displayName: demo.owner,
              passwordHash: adminHash,
              role: "company_admin",
              companyId,
              contactMsisdn: demoMsisdn(regionIndex, accountIndex, 0),
              mustChangePassword: false,
              createdAt: now,
            })
            .run();
        }
      });
    });
  })();

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
    `Company administrator (АО «Вектор»), every region: login "${DEMO_ADMIN_LOGIN}", password "${DEMO_ADMIN_PASSWORD}"`,
  ];
}
