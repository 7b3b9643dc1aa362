import { type SpendingLimitNoticeData, spendingLimitNoticeEmail } from "@cabinet/mail";
import type Database from "better-sqlite3";
import type { Db } from "../db/open-database.ts";
import type { LimitNoticeKind, LimitPolicy } from "../db/schema.ts";
import type { Deps } from "../deps.ts";
import { enqueueEmail, enqueueSms } from "../outbox/enqueue.ts";
import { formatMsisdn } from "../shared/phone-numbers.ts";

/** A threshold a line crossed, found in a rating or a change of limits; sent by `sendLimitNotices`. */
export interface PendingLimitNotice {
  lineId: number;
  billingMonth: number;
  kind: LimitNoticeKind;
  /** The limit whose threshold it is (the key of "once per threshold"); 0 for an unblock after removal. */
  limitAmount: number;
  /** The company's part of this month's spending when it happened, kopecks. */
  spent: number;
  policy: LimitPolicy;
  warningPercent: number;
  notifyEmployee: boolean;
}

/** An e-mail lists this many lines at most; the rest are counted ("and N more"). */
const LINES_PER_EMAIL = 50;

const statementCache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();
function prepare(sqlite: Database.Database) {
  return {
    claim: sqlite.prepare(
      "insert into limit_notices (line_id, billing_month, kind, limit_amount, created_at) values (?, ?, ?, ?, ?) on conflict do nothing",
    ),
    lines: sqlite
      .prepare(
        `select l.id as lineId, l.msisdn, l.employee_name as employeeName, l.employee_locale as employeeLocale, l.company_id as companyId,
                l.region_code as regionCode, c.name as companyName
         from lines l join companies c on c.id = l.company_id where l.id in (select value from json_each(?))`,
      ),
    // The company's administrators who have an e-mail address.
    administrators: sqlite.prepare(
      `select distinct u.email, u.locale from users u
       where u.company_id = ? and u.role = 'company_admin' and u.locked_at is null and u.email is not null`,
    ),
  };
}

interface NoticeLine {
  lineId: number;
  msisdn: string;
  employeeName: string | null;
  employeeLocale: "ru" | "en";
  companyId: number;
  regionCode: string;
  companyName: string;
}

/**
 * Sends each notice once: its key (line, billing month, kind, limit amount) is inserted `on conflict
 * do nothing` in the caller's transaction, and only a notice whose key is new goes out — so two
 * processes rating the same line at once, or a retry after a crash, send it once. The company's
 * administrators get one e-mail per kind listing the lines; an employee whose limit says so gets an
 * SMS in the line's language. Call inside the transaction that crossed the thresholds. Returns how
 * many notices were new.
 */
export function sendLimitNotices(tx: Db, deps: Pick<Deps, "clock"> & Partial<Pick<Deps, "config">>, notices: readonly PendingLimitNotice[]): number {
  if (notices.length === 0) return 0;
  const sqlite = tx.$client;
  let s = statementCache.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statementCache.set(sqlite, s);
  }
  const now = deps.clock.now();
  const fresh = notices.filter((n) => s.claim.run(n.lineId, n.billingMonth, n.kind, n.limitAmount, now.getTime()).changes > 0);
  if (fresh.length === 0) return 0;

  const lines = new Map(
    (s.lines.all(JSON.stringify([...new Set(fresh.map((n) => n.lineId))])) as NoticeLine[]).map((line) => [line.lineId, line]),
  );
  // Per company and kind, one e-mail to each administrator.
  const groups = new Map<string, { companyId: number; kind: LimitNoticeKind; items: { notice: PendingLimitNotice; line: NoticeLine }[] }>();
  for (const notice of fresh) {
    const line = lines.get(notice.lineId);
    if (!line || line.companyId == null) continue;
    const key = `${line.companyId}:${notice.kind}`;
    let group = groups.get(key);
    if (!group) {
      group = { companyId: line.companyId, kind: notice.kind, items: [] };
      groups.set(key, group);
    }
    group.items.push({ notice, line });
    if (notice.notifyEmployee) {
      enqueueSms(tx, now, {
        to: line.msisdn,
        // Plain spaces: an SMS is read on any phone.
        text: employeeSmsText(notice, line.msisdn, line.employeeLocale).replaceAll("\u00a0", " "),
        secrets: [],
        topic: `limits:${line.companyId}`,
        regionCode: line.regionCode,
      });
    }
  }
  for (const group of groups.values()) {
    const first = group.items[0];
    if (!first) continue;
    const administrators = s.administrators.all(group.companyId) as { email: string; locale: "ru" | "en" }[];
    const sorted = group.items.sort((a, b) => (a.line.msisdn < b.line.msisdn ? -1 : 1));
    for (const admin of administrators) {
      const data: SpendingLimitNoticeData = {
        kind: group.kind,
        companyName: first.line.companyName,
        month: monthName(first.notice.billingMonth, admin.locale),
        lines: sorted.slice(0, LINES_PER_EMAIL).map(({ notice, line }) => ({
          number: formatMsisdn(line.msisdn),
          employee: line.employeeName,
          limit: formatRoubles(notice.limitAmount),
          spent: formatRoubles(notice.spent),
          policy: notice.policy,
          ...(notice.kind === "warning" ? { warningShare: `${notice.warningPercent} %` } : {}),
        })),
        more: Math.max(0, sorted.length - LINES_PER_EMAIL),
        limitsUrl: deps.config ? `${deps.config.publicUrl}/cabinet/limits` : null,
      };
      enqueueEmail(tx, now, {
        to: admin.email,
        ...spendingLimitNoticeEmail(data, admin.locale),
        topic: `limits:${group.companyId}`,
        regionCode: first.line.regionCode,
      });
    }
  }
  return fresh.length;
}

const smsTexts = {
  ru: {
    warning: (n: string, limit: string, spent: string) => `Номер ${n}: расходы за месяц ${spent} из лимита ${limit}.`,
    reached: (n: string, limit: string) => `Номер ${n}: месячный лимит расходов ${limit} достигнут.`,
    reachedSplit: (n: string, limit: string) => `Номер ${n}: месячный лимит расходов ${limit} достигнут, дальнейшие расходы оплачиваете вы.`,
    blocked: (n: string, limit: string) =>
      `Номер ${n}: месячный лимит расходов ${limit} достигнут, платные исходящие вызовы, SMS и интернет отключены до нового месяца. Входящие звонки работают.`,
    unblocked: (n: string) => `Номер ${n}: ограничение по лимиту расходов снято.`,
  },
  en: {
    warning: (n: string, limit: string, spent: string) => `Number ${n}: this month's spending is ${spent} of the ${limit} limit.`,
    reached: (n: string, limit: string) => `Number ${n}: the monthly spending limit of ${limit} has been reached.`,
    reachedSplit: (n: string, limit: string) => `Number ${n}: the monthly spending limit of ${limit} has been reached; further usage is paid by you.`,
    blocked: (n: string, limit: string) =>
      `Number ${n}: the monthly spending limit of ${limit} has been reached; paid outgoing calls, SMS and data are off until the new month. Incoming calls work.`,
    unblocked: (n: string) => `Number ${n}: the spending-limit block has been lifted.`,
  },
};

function employeeSmsText(notice: PendingLimitNotice, msisdn: string, locale: "ru" | "en"): string {
  const t = smsTexts[locale] ?? smsTexts.ru;
  const number = formatMsisdn(msisdn);
  const limit = formatRoubles(notice.limitAmount);
  switch (notice.kind) {
    case "warning":
      return t.warning(number, limit, formatRoubles(notice.spent));
    case "reached":
      return notice.policy === "split" ? t.reachedSplit(number, limit) : t.reached(number, limit);
    case "blocked":
      return t.blocked(number, limit);
    case "unblocked":
      return t.unblocked(number);
  }
}

const monthNames = {
  ru: ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
  en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
};

function monthName(billingMonth: number, locale: "ru" | "en"): string {
  return `${monthNames[locale][(billingMonth % 100) - 1]} ${Math.floor(billingMonth / 100)}`;
}

/** `1 234,50 ₽`, as the pages write money (no-break space before the sign, narrow groups). */
export function formatRoubles(kopecks: number): string {
  const sign = kopecks < 0 ? "−" : "";
  const abs = Math.abs(kopecks);
  const roubles = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, "\u00a0");
  return `${sign}${roubles},${String(abs % 100).padStart(2, "0")}\u00a0₽`;
}
