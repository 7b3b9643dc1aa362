// One measured detailing run in a process of its own (started by bench-detailing.ts), so that each
// format's peak memory is its own. Run as an esbuild bundle, as the job thread runs the domain in
// production (not through tsx, whose compiler would count in the memory). Argument: JSON of
// ChildWork; prints one line of JSON: ChildResult.
import { createHash } from "node:crypto";
import { closeSync, createReadStream, createWriteStream, openSync, writeSync } from "node:fs";
import Database from "better-sqlite3";

export interface ChildWork {
  database: string;
  output: string;
  mode: "csv" | "zip" | "xlsx" | "bare";
  companyId: number;
  regionCode: string;
  timeZone: string;
  lineIds: number[];
  from: number;
  to: number;
}

export interface ChildResult {
  rows: number;
  bytes: number;
  seconds: number;
  /** The process's peak resident set, MB (getrusage's maxrss: whatever the sampling would miss). */
  peakRssMb: number;
  /** RSS once everything was loaded, before the work: what the process costs doing nothing. */
  startRssMb: number;
  sha256: string;
}

const work = JSON.parse(process.argv[2] ?? "{}") as ChildWork;
const mb = (bytes: number) => bytes / 1_048_576;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/**
 * The bare loop: one SQL statement iterated with better-sqlite3, each row formatted by hand into
 * the same CSV (BOM, `;`, CRLF, the same columns and formats, quotes only where needed) and written
 * through a 1 MB buffer with fs.writeSync. No library, no streams, no backpressure, no progress.
 */
function bareCsv(): number {
  const db = new Database(work.database, { readonly: true });
  const offsets = new Map<number, number>();
  const offsetOf = (at: number) => {
    const hour = Math.floor(at / 3_600_000);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const parts = new Intl.DateTimeFormat("en-GB", { timeZone: work.timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(hour * 3_600_000));
      const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      offset = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - hour * 3_600_000;
      offsets.set(hour, offset);
    }
    return offset;
  };
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  const field = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const typed = (s: string | null) => (s === null ? "" : /^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  const phone = (s: string | null) => {
    if (s === null) return "";
    const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(s);
    return m ? `8 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : /^[=+\-@]/.test(s) ? `'${s}` : s;
  };
  const kinds: Record<string, string> = { call_out: "Исходящий звонок", call_in: "Входящий звонок", sms_out: "Исходящее SMS", sms_in: "Входящее SMS", data: "Мобильный интернет" };
  const fd = openSync(work.output, "w");
  let buffer = "\uFEFFДата и время;Номер;Сотрудник;Отдел;Вид;Другая сторона;Длительность, с;Объём, КБ;Сумма, ₽\r\n";
  let rows = 0;
  // Each line's events through the (line_id, started_at) index, the lines by number: no sort.
  const lines = db
    .prepare(
      `select l.id, l.msisdn, l.employee_name, d.name from lines l left join departments d on d.id = l.department_id
       where l.company_id = @company and l.region_code = @region and l.id in (select value from json_each(@ids)) order by l.msisdn, l.id`,
    )
    .raw()
    .all({ company: work.companyId, region: work.regionCode, ids: JSON.stringify(work.lineIds) }) as [number, string, string | null, string | null][];
  const events = db
    .prepare(
      `select started_at, kind, roaming, other_party, duration_seconds, volume_bytes, charge from usage_events
       where line_id = ? and started_at >= ? and started_at < ? order by started_at, id`,
    )
    .raw();
  for (const [lineId, msisdn, employee, department] of lines) {
    const head = `;${phone(msisdn)};${field(typed(employee))};${field(typed(department))};`;
    for (const r of events.iterate(lineId, work.from, work.to) as IterableIterator<[number, string, number, string | null, number | null, number | null, number]>) {
      const at = r[0];
      const d = new Date(at + offsetOf(at));
      const kind = r[2] === 1 ? `${kinds[r[1]]}, роуминг` : (kinds[r[1]] as string);
      const call = r[1] === "call_out" || r[1] === "call_in";
      const charge = r[6];
      buffer += `${two(d.getUTCDate())}.${two(d.getUTCMonth() + 1)}.${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${head}${field(kind)};${field(phone(r[3]))};${call ? (r[4] ?? 0) : ""};${r[5] === null ? "" : Math.ceil(r[5] / 1024)};${Math.floor(charge / 100)},${two(charge % 100)}\r\n`;
      rows++;
      if (buffer.length > 1_000_000) {
        writeSync(fd, buffer);
        buffer = "";
      }
    }
  }
  writeSync(fd, buffer);
  closeSync(fd);
  db.close();
  return rows;
}

async function ours(): Promise<number> {
  const { openDatabase, systemClock, writeDetailing } = await import("@cabinet/domain");
  const db = openDatabase(work.database, { migrate: false });
  const deps = { db, clock: systemClock, config: { publicUrl: "http://localhost", mailFrom: "bench@localhost", officeEmailOverrides: {} } };
  const format = work.mode === "xlsx" ? "xlsx" : "csv";
  const result = await writeDetailing(
    deps,
    { companyId: work.companyId, regionCode: work.regionCode, lineIds: work.lineIds, from: work.from, to: work.to },
    { format, zip: work.mode === "zip", locale: "ru" },
    createWriteStream(work.output),
    () => undefined,
  );
  db.$client.close();
  return result.rows;
}

const startRssMb = mb(process.memoryUsage.rss());
const started = performance.now();
const rows = work.mode === "bare" ? bareCsv() : await ours();
const seconds = (performance.now() - started) / 1000;
const { size } = await import("node:fs/promises").then((fs) => fs.stat(work.output));
const result: ChildResult = { rows, bytes: size, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb, sha256: await sha256Of(work.output) };
process.stdout.write(`${JSON.stringify(result)}\n`);
