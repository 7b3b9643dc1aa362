import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Actor, applyEmployeeImport, exportEmployeeFile, generateDemoCompany, previewEmployeeFile } from "@cabinet/domain";
import Database from "better-sqlite3";
import { openDeps } from "../env.ts";
import type { Figure } from "./bench.ts";

export interface EmployeesImportMeasurement {
  rows: number;
  changed: number;
  /** Rows per second through previewEmployeeFile + applyEmployeeImport. */
  ours: number;
  previewSeconds: number;
  applySeconds: number;
  /** Rows per second of the same line updates through raw better-sqlite3, one transaction. */
  baseline: number;
}

/**
 * `employees.import`: a company of `lines` lines (the demo generator: employees and departments),
 * its employee file exported, every row edited (a name changed, the department moved among the
 * company's departments and a few new ones), then read back: the preview (decode, parse, check
 * each number, compare with the lines, store) and the apply (one transaction, each line's version
 * checked, one audit event per line). The baseline is the bare work the apply cannot skip: the same
 * updates of the same lines by id through one prepared better-sqlite3 statement in one
 * transaction, on a copy of the same database; timed before and after ours, the faster counts.
 */
export async function measureEmployeesImport(options: { lines: number; log?: (line: string) => void }): Promise<EmployeesImportMeasurement> {
  const dir = mkdtempSync(join(tmpdir(), "cabinet-bench-employees-"));
  try {
    const deps = openDeps(join(dir, "ours.db"));
    const started = performance.now();
    const company = await generateDemoCompany(deps, { regionCode: "ural", lines: options.lines, months: 0 });
    const sqlite = deps.db.$client;
    const user = sqlite.prepare("select id from users where login = ? and region_code = 'ural'").get(company.login) as { id: number };
    const actor: Actor = { userId: user.id, login: company.login, displayName: "bench", role: "company_admin", regionCode: "ural", companyId: company.companyId, mustChangePassword: false };
    options.log?.(`employees.import: ${company.lines.toLocaleString("en")} lines generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const departments = (sqlite.prepare("select name from departments where company_id = ? order by id").pluck().all(company.companyId) as string[]).concat(["Отдел испытаний", "Филиал «Север»"]);
    const [header, ...rows] = exportEmployeeFile(deps, actor).toString("utf8").slice(1).split("\r\n").filter(Boolean);
    const edited = rows.map((row, i) => {
      const [number] = row.split(";");
      return `${number};"Сотрудник ${i} Правкин";"${departments[i % departments.length]}"`;
    });
    const file = new TextEncoder().encode(`\uFEFF${[header, ...edited].join("\r\n")}\r\n`);

    // The bare updates, on a copy of the database as it is before the import.
    const baselineFile = join(dir, "bare.db");
    sqlite.prepare("vacuum into ?").run(baselineFile);
    const bareRun = (): number => {
      const raw = new Database(baselineFile);
      raw.pragma("journal_mode = WAL");
      raw.pragma("synchronous = NORMAL");
      const ids = raw.prepare("select id from lines where company_id = ? and terminated_at is null order by msisdn").pluck().all(company.companyId) as number[];
      const departmentIds = raw.prepare("select id from departments where company_id = ? order by id").pluck().all(company.companyId) as number[];
      const update = raw.prepare("update lines set employee_name = ?, employee_name_folded = ?, department_id = ?, version = version + 1 where id = ?");
      const t0 = performance.now();
      raw.exec("begin");
      ids.forEach((id, i) => {
        const name = `Сотрудник ${i} Правкин`;
        update.run(name, name.toLowerCase(), departmentIds[i % departmentIds.length] ?? null, id);
      });
      raw.exec("rollback");
      const seconds = (performance.now() - t0) / 1000;
      raw.close();
      return ids.length / seconds;
    };
    const baselineBefore = bareRun();

    const t0 = performance.now();
    const { token, preview } = previewEmployeeFile(deps, actor, { fileName: "employees.csv", bytes: file });
    const t1 = performance.now();
    const applied = applyEmployeeImport(deps, actor, { token });
    const t2 = performance.now();
    const baselineAfter = bareRun();
    if (preview.refused.length > 0) throw new Error(`employees.import: ${preview.refused.length} rows refused, e.g. ${JSON.stringify(preview.refused[0])}`);
    const seconds = (t2 - t0) / 1000;
    options.log?.(
      `employees.import: ${rows.length.toLocaleString("en")} rows, ${applied.changed.toLocaleString("en")} changed, ${applied.departmentsCreated} departments created; preview ${((t1 - t0) / 1000).toFixed(2)} s, apply ${((t2 - t1) / 1000).toFixed(2)} s; bare updates ${Math.round(baselineBefore)} /s before, ${Math.round(baselineAfter)} /s after`,
    );
    sqlite.close();
    return {
      rows: rows.length,
      changed: applied.changed,
      ours: rows.length / seconds,
      previewSeconds: (t1 - t0) / 1000,
      applySeconds: (t2 - t1) / 1000,
      baseline: Math.max(baselineBefore, baselineAfter),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const employeesImportFigure = {
  name: "employees.import",
  label: "employee CSV rows imported per second, preview + apply (100,000 rows, every row changed)",
  baseline: "bare better-sqlite3 UPDATE of the same lines by id, one transaction",
  async measure(_options: unknown, log: (line: string) => void): Promise<Figure> {
    const m = await measureEmployeesImport({ lines: 100_000, log });
    return { name: "employees.import", ours: m.ours, baseline: m.baseline, ratio: m.baseline / m.ours, unit: "/s" };
  },
};
