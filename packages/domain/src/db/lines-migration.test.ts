import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterAll, describe, expect, it } from "vitest";
import { migrationsFolder } from "../paths.ts";
import { foldText } from "../shared/text-folding.ts";
import { openDatabase } from "./open-database.ts";

const dir = mkdtempSync(join(tmpdir(), "cabinet-migration-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The migrations folder as it was before the line and usage shape (decision 009). */
function migrationsBeforeLinesShape(): string {
  const folder = join(dir, "drizzle");
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, "meta/_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag.endsWith("_lines_usage_shape"));
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return folder;
}

describe("the migration to lines of their own company and region", () => {
  it("carries the old lines over: company and region from the account, departments into the company's list, statuses into blocks, prices into hundredths of a kopeck", () => {
    const file = join(dir, "old.db");
    const old = new Database(file);
    old.function("fold_text", { deterministic: true }, (text: unknown) => (typeof text === "string" ? foldText(text) : text));
    migrate(drizzle(old), { migrationsFolder: migrationsBeforeLinesShape() });
    old.exec(`
      insert into regions (code, reference_prefix, name_ru, name_en, time_zone, office_email, office_phone) values ('ural', 'URL', 'Урал', 'Ural', 'Asia/Yekaterinburg', 'u@x', '1');
      insert into tariffs (id, region_code, code, name_ru, name_en, monthly_fee, price_per_minute, price_per_sms, price_per_mb) values (1, 'ural', 'biz-start', 'Б', 'B', 45000, 250, 200, 50);
      insert into companies (id, region_code, name, owner_name) values (1, 'ural', 'АО «Вектор»', 'С');
      insert into accounts (id, region_code, account_number, holder_name, owner_name, company_id) values (1, 'ural', '100', 'В', 'С', 1), (2, 'ural', '200', 'Р', 'Ё', null);
      insert into lines (id, account_id, msisdn, tariff_id, status, employee_name, department, created_at) values
        (1, 1, '+79200000001', 1, 'active', 'Ёлкин Пётр', 'Продажи', 1000),
        (2, 1, '+79200000002', 1, 'blocked_loss', 'Смирнова Ольга', ' продажи', 1000),
        (3, 1, '+79200000003', 1, 'active', null, 'ИТ', 1000),
        (4, 2, '+79200000004', 1, 'blocked_voluntary', null, 'Склад', 1000);
    `);
    old.close();

    const db = openDatabase(file);
    const q = (sql: string) => db.$client.prepare(sql).all();
    expect(q("select l.id, l.region_code, l.company_id, d.name as department, l.employee_name_folded, l.block_mask, l.activated_at from lines l left join departments d on d.id = l.department_id order by l.id")).toEqual([
      { id: 1, region_code: "ural", company_id: 1, department: "Продажи", employee_name_folded: "елкин петр", block_mask: 0, activated_at: 1000 },
      { id: 2, region_code: "ural", company_id: 1, department: "Продажи", employee_name_folded: "смирнова ольга", block_mask: 1, activated_at: 1000 },
      { id: 3, region_code: "ural", company_id: 1, department: "ИТ", employee_name_folded: null, block_mask: 0, activated_at: 1000 },
      // A line of an account without a company keeps no department (departments are a company's).
      { id: 4, region_code: "ural", company_id: null, department: null, employee_name_folded: null, block_mask: 2, activated_at: 1000 },
    ]);
    expect(q("select company_id, name from departments order by name")).toEqual([
      { company_id: 1, name: "ИТ" },
      { company_id: 1, name: "Продажи" },
    ]);
    expect(q("select line_id, reason from line_blocks order by line_id")).toEqual([
      { line_id: 2, reason: "loss" },
      { line_id: 4, reason: "voluntary" },
    ]);
    expect(q("select minute_price_ck, sms_price_ck, mb_price_ck from tariffs")).toEqual([{ minute_price_ck: 25_000, sms_price_ck: 20_000, mb_price_ck: 5_000 }]);
    db.$client.close();
  });
});
