import { sql } from "drizzle-orm";
import {
  blob,
  check,
  foreignKey,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Conventions: money is integer kopecks; instants are integer milliseconds since the epoch (UTC);
// phone numbers are E.164 text. Tables are grouped by aggregate.

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

// ─── Regions ────────────────────────────────────────────────────────────────
export const regions = sqliteTable("regions", {
  code: text("code").primaryKey(), // "ural"
  referencePrefix: text("reference_prefix").notNull().unique(), // "URL"
  nameRu: text("name_ru").notNull(),
  nameEn: text("name_en").notNull(),
  timeZone: text("time_zone").notNull(), // IANA, e.g. "Asia/Yekaterinburg"
  officeEmail: text("office_email").notNull(),
  officePhone: text("office_phone").notNull(),
  sortOrder: integer("sort_order").notNull().default(0),
});

// ─── Tariffs and services (per region: the operator's catalogue) ────────────
// Per-unit prices are in hundredths of a kopeck ("ck": 1 ck = 0.0001 ₽), precise enough to rate data
// per kilobyte at prices such as 0.099 ₽ per MB (990 ck). Fees are whole kopecks.
export const tariffs = sqliteTable(
  "tariffs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    code: text("code").notNull(),
    nameRu: text("name_ru").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionRu: text("description_ru").notNull().default(""),
    descriptionEn: text("description_en").notNull().default(""),
    monthlyFee: integer("monthly_fee").notNull(), // kopecks
    /** Included in each billing month, in the home network only. */
    includedMinutes: integer("included_minutes").notNull().default(0),
    includedSms: integer("included_sms").notNull().default(0),
    includedMb: integer("included_mb").notNull().default(0),
    /** Beyond the included amounts, at home: per started minute, per SMS, per MB (charged per KB pro rata). */
    minutePriceCk: integer("minute_price_ck").notNull().default(0),
    smsPriceCk: integer("sms_price_ck").notNull().default(0),
    mbPriceCk: integer("mb_price_ck").notNull().default(0),
    /** In roaming, from the first unit: per started minute (outgoing and incoming), per SMS, per MB. */
    roamingMinutePriceCk: integer("roaming_minute_price_ck").notNull().default(0),
    roamingSmsPriceCk: integer("roaming_sms_price_ck").notNull().default(0),
    roamingMbPriceCk: integer("roaming_mb_price_ck").notNull().default(0),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    uniqueIndex("tariffs_region_code_uq").on(t.regionCode, t.code),
    // The target of lines' (tariff_id, region_code) key: a line cannot get another region's tariff.
    uniqueIndex("tariffs_id_region_uq").on(t.id, t.regionCode),
  ],
);

export const services = sqliteTable(
  "services",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    code: text("code").notNull(),
    nameRu: text("name_ru").notNull(),
    nameEn: text("name_en").notNull(),
    descriptionRu: text("description_ru").notNull(),
    descriptionEn: text("description_en").notNull(),
    monthlyFee: integer("monthly_fee").notNull(), // kopecks
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("services_region_code_uq").on(t.regionCode, t.code), uniqueIndex("services_id_region_uq").on(t.id, t.regionCode)],
);

/** Which services a tariff allows; a line can have only services its tariff allows. */
export const tariffServices = sqliteTable(
  "tariff_services",
  {
    tariffId: integer("tariff_id")
      .notNull()
      .references(() => tariffs.id),
    serviceId: integer("service_id")
      .notNull()
      .references(() => services.id),
  },
  (t) => [primaryKey({ columns: [t.tariffId, t.serviceId] })],
);

// ─── Companies, accounts and lines (the operator's records) ─────────────────
export const companies = sqliteTable(
  "companies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    name: text("name").notNull(),
    ownerName: text("owner_name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("companies_id_region_uq").on(t.id, t.regionCode)],
);

export const accounts = sqliteTable(
  "accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    accountNumber: text("account_number").notNull(),
    /** The account holder as the operator's contract names it. */
    holderName: text("holder_name").notNull(),
    /** The owner (ФИО собственника) on the operator's record. */
    ownerName: text("owner_name").notNull(),
    /** Set once an access application for this account is approved. */
    companyId: integer("company_id").references(() => companies.id),
    /**
     * Kopecks; positive is money on the account. A running total of `account_movements.amount`,
     * changed only in the transaction that adds or changes a movement (a test holds the two equal).
     */
    balance: integer("balance").notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("accounts_region_number_uq").on(t.regionCode, t.accountNumber),
    index("accounts_company_idx").on(t.companyId),
    uniqueIndex("accounts_id_region_uq").on(t.id, t.regionCode),
    uniqueIndex("accounts_id_company_uq").on(t.id, t.companyId),
  ],
);

/** The company's own list of departments: a line points at one, so a rename renames everywhere. */
export const departments = sqliteTable(
  "departments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    name: text("name").notNull(),
    /** `foldText(name)`: one department per spelling, whatever the case or ё. */
    nameFolded: text("name_folded").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_company_name_uq").on(t.companyId, t.nameFolded), uniqueIndex("departments_id_company_uq").on(t.id, t.companyId)],
);

/** Why a line is blocked; several can hold at once, and a line with none is active. */
export const blockReasons = ["loss", "voluntary", "limit"] as const;
export type BlockReason = (typeof blockReasons)[number];
/** The bit of each reason in `lines.block_mask` (kept by triggers on `line_blocks`). */
export const blockReasonBits: Record<BlockReason, number> = { loss: 1, voluntary: 2, limit: 4 };
/** What a list shows in one word: active, or the weightiest block reason. */
export const lineStatuses = ["active", "blocked_loss", "blocked_voluntary", "blocked_limit"] as const;
export type LineStatus = (typeof lineStatuses)[number];
export const employeeLocales = ["ru", "en"] as const;

/**
 * One issuance of a number to a company's account. A number terminated and issued again gets a new
 * row, so the old issuance's usage and history stay with the old row; among live lines (not
 * terminated) a number is unique. The line's company and region are its own columns, held
 * consistent with its account, tariff and department by composite foreign keys.
 */
export const lines = sqliteTable(
  "lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    /** Null until an access application for the line's account is approved. */
    companyId: integer("company_id"),
    accountId: integer("account_id").notNull(),
    msisdn: text("msisdn").notNull(), // E.164
    tariffId: integer("tariff_id").notNull(),
    departmentId: integer("department_id"),
    employeeName: text("employee_name"),
    /** `foldText(employeeName)`, for search in any case and with ё = е. */
    employeeNameFolded: text("employee_name_folded"),
    /** The language of the SMS the employee gets. */
    employeeLocale: text("employee_locale", { enum: employeeLocales }).notNull().default("ru"),
    /** Bits of `blockReasonBits`; 0 = active. Kept by triggers on `line_blocks`, never written directly. */
    blockMask: integer("block_mask").notNull().default(0),
    /** Grows with every change of the line (triggers add blocks): "changed by someone else meanwhile". */
    version: integer("version").notNull().default(1),
    activatedAt: integer("activated_at", { mode: "timestamp_ms" }).notNull(),
    terminatedAt: integer("terminated_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [
    foreignKey({ name: "lines_account_region_fk", columns: [t.accountId, t.regionCode], foreignColumns: [accounts.id, accounts.regionCode] }),
    foreignKey({ name: "lines_account_company_fk", columns: [t.accountId, t.companyId], foreignColumns: [accounts.id, accounts.companyId] }),
    foreignKey({ name: "lines_company_region_fk", columns: [t.companyId, t.regionCode], foreignColumns: [companies.id, companies.regionCode] }),
    foreignKey({ name: "lines_tariff_region_fk", columns: [t.tariffId, t.regionCode], foreignColumns: [tariffs.id, tariffs.regionCode] }),
    foreignKey({ name: "lines_department_company_fk", columns: [t.departmentId, t.companyId], foreignColumns: [departments.id, departments.companyId] }),
    uniqueIndex("lines_live_msisdn_uq").on(t.msisdn).where(sql`terminated_at is null`),
    // Usage arrives by number and time: the issuance live at that time.
    index("lines_msisdn_idx").on(t.msisdn, t.activatedAt),
    uniqueIndex("lines_id_region_uq").on(t.id, t.regionCode),
    index("lines_account_idx").on(t.accountId),
    // The company's lists: filter, sort and page among live lines.
    index("lines_company_msisdn_idx").on(t.companyId, t.msisdn).where(sql`terminated_at is null`),
    index("lines_company_name_idx").on(t.companyId, t.employeeNameFolded).where(sql`terminated_at is null`),
    index("lines_company_department_idx").on(t.companyId, t.departmentId, t.msisdn).where(sql`terminated_at is null`),
    index("lines_company_tariff_idx").on(t.companyId, t.tariffId, t.msisdn).where(sql`terminated_at is null`),
    index("lines_company_blocks_idx").on(t.companyId, t.blockMask, t.msisdn).where(sql`terminated_at is null`),
  ],
);

export const lineBlocks = sqliteTable(
  "line_blocks",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => lines.id),
    reason: text("reason", { enum: blockReasons }).notNull(),
    blockedAt: integer("blocked_at", { mode: "timestamp_ms" }).notNull(),
    /** Null when the system blocked (a limit). */
    blockedByUserId: integer("blocked_by_user_id").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.reason] })],
);

/** The services a line has switched on. */
export const lineServices = sqliteTable(
  "line_services",
  {
    lineId: integer("line_id").notNull(),
    serviceId: integer("service_id").notNull(),
    /** The line's region, so that the keys below hold the service to the line's region. */
    regionCode: text("region_code").notNull(),
    activatedAt: integer("activated_at", { mode: "timestamp_ms" }).notNull(),
    activatedByUserId: integer("activated_by_user_id").references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.lineId, t.serviceId] }),
    foreignKey({ name: "line_services_line_region_fk", columns: [t.lineId, t.regionCode], foreignColumns: [lines.id, lines.regionCode] }),
    foreignKey({ name: "line_services_service_region_fk", columns: [t.serviceId, t.regionCode], foreignColumns: [services.id, services.regionCode] }),
    index("line_services_service_idx").on(t.serviceId),
  ],
);

// ─── Users and sessions ─────────────────────────────────────────────────────
export const userRoles = ["company_admin", "office_staff"] as const;
export type UserRole = (typeof userRoles)[number];

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    login: text("login").notNull(), // stored lower-case
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: userRoles }).notNull(),
    companyId: integer("company_id").references(() => companies.id),
    /** The number that receives SMS for this user (temporary passwords). */
    contactMsisdn: text("contact_msisdn"),
    /**
     * Where this user's e-mail goes (limit notices, ordered call details): a company administrator's
     * is the application's contact e-mail, set when the office approves it.
     */
    email: text("email"),
    /** The language of the SMS this user gets: the application's, for a company administrator. */
    locale: text("locale", { enum: ["ru", "en"] }).notNull().default("ru"),
    mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(true),
    failedAttempts: integer("failed_attempts").notNull().default(0),
    lockedAt: integer("locked_at", { mode: "timestamp_ms" }),
    passwordChangedAt: integer("password_changed_at", { mode: "timestamp_ms" }),
    /**
     * A temporary password asked for with "forgot password", sent by SMS. The current password keeps
     * working until this one is used (so nobody can lock an administrator out by asking for one);
     * using it replaces the password, unlocks the login and asks for a new password.
     */
    resetPasswordHash: text("reset_password_hash"),
    resetPasswordIssuedAt: integer("reset_password_issued_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_region_login_uq").on(t.regionCode, t.login)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 of the random token held in the cookie; the token itself is never stored. */
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed logins per client address, for throttling (separate from per-login lockout). */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    clientAddress: text("client_address").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("login_failures_addr_at_idx").on(t.clientAddress, t.at)],
);

/**
 * Attempts at one login since its last success or unlock, kept whether or not the login exists, so
 * that an unknown login answers exactly as an existing one. An attempt is reserved (`pending`) before
 * the slow password check and settled (`wrong`) after, so a burst of parallel guesses is counted;
 * `refused` is an attempt turned away unchecked while five were pending; a `locked` row marks a lock
 * (for an existing login `users.locked_at` is the lock, the row its twin).
 */
export const loginAttemptOutcomes = ["pending", "wrong", "refused", "locked"] as const;
export type LoginAttemptOutcome = (typeof loginAttemptOutcomes)[number];

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    regionCode: text("region_code").notNull(),
    /** Normalized as `users.login` is. */
    login: text("login").notNull(),
    outcome: text("outcome", { enum: loginAttemptOutcomes }).notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("login_attempts_login_idx").on(t.regionCode, t.login, t.id)],
);

/**
 * Requests per client address to the public forms, in rate-limiter-flexible's SQLite store (its own
 * layout: `key` is "<limit>:<address>", `expire` milliseconds since the epoch). Kept in the database,
 * not in a process, so that every server process sharing the file counts the same requests.
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull().default(0),
    expire: integer("expire"),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);

// ─── Access applications ────────────────────────────────────────────────────
export const applicationStatuses = ["submitted", "approved", "rejected"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    reference: text("reference").notNull().unique(), // "URL-2026-000123"
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    companyName: text("company_name").notNull(),
    ownerName: text("owner_name").notNull(),
    accountNumber: text("account_number").notNull(),
    numbers: text("numbers", { mode: "json" }).$type<string[]>().notNull(), // E.164, contact included
    contactNumber: text("contact_number").notNull(),
    email: text("email").notNull(), // lower-case
    representativeName: text("representative_name").notNull(),
    locale: text("locale", { enum: ["ru", "en"] }).notNull().default("ru"),
    status: text("status", { enum: applicationStatuses }).notNull().default("submitted"),
    submittedAt: integer("submitted_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * Key of the form instance that produced it. Not unique: the same form sent again with the
     * same content finds this row, but sent again with a corrected field it is a new application.
     */
    submissionKey: text("submission_key").notNull(),
    /** Unguessable token for the applicant's receipt page and PDF download. */
    receiptToken: text("receipt_token").notNull().unique(),
    verificationCode: text("verification_code").notNull().unique(),
    /**
     * The issued PDF and its digest. Null between the transaction that registers the application
     * (and gives it its reference) and the one that attaches the PDF rendered in between; see
     * applications/complete-application.ts.
     */
    pdf: blob("pdf", { mode: "buffer" }),
    pdfSha256: text("pdf_sha256"),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    decidedByUserId: integer("decided_by_user_id").references(() => users.id),
    /** Rejection reason, or the comment given when approving despite failed checks. */
    decisionComment: text("decision_comment"),
    checksOverridden: integer("checks_overridden", { mode: "boolean" }).notNull().default(false),
    companyId: integer("company_id").references(() => companies.id),
    adminUserId: integer("admin_user_id").references(() => users.id),
  },
  (t) => [
    index("applications_region_status_idx").on(t.regionCode, t.status, t.submittedAt),
    index("applications_pdf_sha256_idx").on(t.pdfSha256),
    index("applications_submission_key_idx").on(t.submissionKey),
    // Polled by the outbox worker on every round: only the (normally no) applications without a PDF.
    index("applications_unfinished_idx").on(t.submittedAt).where(sql`${t.pdf} is null`),
  ],
);

export const referenceCounters = sqliteTable(
  "reference_counters",
  {
    prefix: text("prefix").notNull(),
    year: integer("year").notNull(),
    last: integer("last").notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);

// ─── Outbox (e-mail and SMS: stored first, delivered after) ─────────────────
export const outboxChannels = ["email", "sms"] as const;
export type OutboxChannel = (typeof outboxChannels)[number];
export const outboxStatuses = ["pending", "sent", "failed"] as const;

export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    channel: text("channel", { enum: outboxChannels }).notNull(),
    recipient: text("recipient").notNull(), // e-mail address or E.164 number
    subject: text("subject"),
    text: text("text").notNull(),
    html: text("html"),
    /**
     * The SMS with its secrets (a temporary password) blanked. Once a real gateway has the SMS it
     * replaces `text`, so the password is not kept readable; null when there is nothing to hide.
     */
    redactedText: text("redacted_text"),
    /** Message-ID kept across every attempt, so a resend is recognisably the same message. */
    messageId: text("message_id").notNull().unique(),
    /** What the message is about, e.g. "application:42", for tracing without personal data. */
    topic: text("topic"),
    /** The region whose office the message concerns: the development SMS page shows staff only theirs. */
    regionCode: text("region_code").references(() => regions.code),
    status: text("status", { enum: outboxStatuses }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_region_channel_idx").on(t.regionCode, t.channel),
  ],
);

export const outboxAttachments = sqliteTable(
  "outbox_attachments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    messageId: integer("message_id")
      .notNull()
      .references(() => outboxMessages.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    content: blob("content", { mode: "buffer" }).notNull(),
  },
  (t) => [index("outbox_attachments_message_idx").on(t.messageId)],
);

// ─── Audit trail ────────────────────────────────────────────────────────────
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    /** "applicant", "system", or the login for context when the user row is gone. */
    actorLabel: text("actor_label").notNull(),
    regionCode: text("region_code"),
    /** The company whose administrators may read this event. */
    companyId: integer("company_id"),
    action: text("action").notNull(), // "application.approved", "auth.login_failed", …
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    clientAddress: text("client_address"),
    before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
  },
  (t) => [
    index("audit_target_idx").on(t.targetType, t.targetId),
    index("audit_company_idx").on(t.companyId, t.at),
  ],
);

// ─── Usage, rated on arrival ────────────────────────────────────────────────
export const usageKinds = ["call_out", "call_in", "sms_out", "sms_in", "data"] as const;
export type UsageKind = (typeof usageKinds)[number];

/**
 * One call, SMS or data session of a line, with its charge fixed when it was rated (see
 * usage/rating-rules.ts). `units` are what was billed: started minutes, SMS, or kilobytes;
 * `included_units` the part the tariff's monthly allowance covered; the rest was charged.
 */
export const usageEvents = sqliteTable(
  "usage_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The feed's id of the event: rating an event twice counts nothing twice. */
    eventKey: text("event_key").notNull(),
    lineId: integer("line_id")
      .notNull()
      .references(() => lines.id),
    startedAt: integer("started_at").notNull(), // UTC ms
    kind: text("kind", { enum: usageKinds }).notNull(),
    roaming: integer("roaming", { mode: "boolean" }).notNull(),
    /** The other number (E.164 or a short code); for data the access point name, if any. */
    otherParty: text("other_party"),
    durationSeconds: integer("duration_seconds"),
    volumeBytes: integer("volume_bytes"),
    units: integer("units").notNull(),
    includedUnits: integer("included_units").notNull(),
    charge: integer("charge").notNull(), // kopecks
    /** Of `charge`, the part the employee pays (a `split` limit reached); the company pays the rest. */
    employeeCharge: integer("employee_charge").notNull().default(0),
    /**
     * Paid outgoing usage of a line whose `block` limit was reached that month: recorded, never
     * charged (charge 0) and counted on no allowance or counter (limits/limit-enforcement.ts).
     */
    refused: integer("refused", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("usage_events_key_uq").on(t.eventKey), index("usage_events_line_time_idx").on(t.lineId, t.startedAt)],
);

/**
 * A line's usage and charges in one billing month (a calendar month in the region's time zone,
 * `billing_month` = yyyymm), updated in the rating transaction: the month-to-date counters that the
 * allowance, the limits and the lists read. Home counters count all billed units, within the
 * allowance or beyond it; roaming never draws on the allowance. The company index leaves the
 * charges out on purpose: every rated batch changes them, and an index on them would be rewritten
 * with every counter.
 */
export const lineUsageMonths = sqliteTable(
  "line_usage_months",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => lines.id),
    billingMonth: integer("billing_month").notNull(),
    companyId: integer("company_id"),
    minutesUsed: integer("minutes_used").notNull().default(0),
    smsUsed: integer("sms_used").notNull().default(0),
    dataKbUsed: integer("data_kb_used").notNull().default(0),
    roamingMinutes: integer("roaming_minutes").notNull().default(0),
    roamingSms: integer("roaming_sms").notNull().default(0),
    roamingDataKb: integer("roaming_data_kb").notNull().default(0),
    callsCharge: integer("calls_charge").notNull().default(0), // kopecks, home calls
    smsCharge: integer("sms_charge").notNull().default(0),
    dataCharge: integer("data_charge").notNull().default(0),
    roamingCharge: integer("roaming_charge").notNull().default(0),
    totalCharge: integer("total_charge").notNull().default(0),
    eventCount: integer("event_count").notNull().default(0),
    /** The latest event time rated into this month (UTC ms): how fresh the figures are. */
    lastEventAt: integer("last_event_at"),
    /** Of `total_charge`, the part the employee pays (a `split` limit); the company paid the rest. */
    employeeCharge: integer("employee_charge").notNull().default(0),
    /** Paid outgoing events refused because the line's `block` limit was reached this month. */
    refusedEvents: integer("refused_events").notNull().default(0),
    /** When (the event's time, UTC ms) the company's part reached the line's limit this month; null if not (or raised since). */
    limitReachedAt: integer("limit_reached_at"),
  },
  (t) => [primaryKey({ columns: [t.lineId, t.billingMonth] }), index("line_usage_months_company_idx").on(t.companyId, t.billingMonth)],
);

// ─── Account movements (the balance is their sum) ───────────────────────────
export const movementKinds = ["payment", "adjustment", "monthly_fee", "service_fee", "usage"] as const;
export type MovementKind = (typeof movementKinds)[number];

/**
 * Money in (payments, positive adjustments) and out (fees, usage, negative adjustments), in signed
 * kopecks. Usage is one movement per account per day (region's calendar), growing as events are
 * rated; fees one per account per billing month and kind. `dedupe_key` makes each of those once.
 */
export const accountMovements = sqliteTable(
  "account_movements",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id").notNull(),
    regionCode: text("region_code").notNull(),
    kind: text("kind", { enum: movementKinds }).notNull(),
    amount: integer("amount").notNull(),
    /** When it happened (UTC ms); a day's usage: the start of that day in the region. */
    occurredAt: integer("occurred_at").notNull(),
    billingMonth: integer("billing_month").notNull(),
    description: text("description").notNull().default(""),
    dedupeKey: text("dedupe_key"),
    /**
     * Usage only: what the employees pay on top of `amount` (above their `split` limits), kopecks,
     * shown apart. Not the company's money: `amount` (and so the balance) holds only the company's part.
     */
    employeeAmount: integer("employee_amount").notNull().default(0),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: integer("created_at").notNull(), // UTC ms
  },
  (t) => [
    foreignKey({ name: "account_movements_account_region_fk", columns: [t.accountId, t.regionCode], foreignColumns: [accounts.id, accounts.regionCode] }),
    uniqueIndex("account_movements_dedupe_uq").on(t.dedupeKey),
    index("account_movements_account_time_idx").on(t.accountId, t.occurredAt),
    index("account_movements_account_kind_time_idx").on(t.accountId, t.kind, t.occurredAt),
  ],
);

// ─── Demo data ──────────────────────────────────────────────────────────────
/**
 * The demo's usage history of a company, generated day by day (in the background after start for
 * the large company): `rated_through` says how far it got, `finished_at` that it is complete.
 */
export const demoHistoryRuns = sqliteTable("demo_history_runs", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  regionCode: text("region_code").notNull(),
  seed: integer("seed").notNull(),
  fromAt: integer("from_at").notNull(), // UTC ms
  toAt: integer("to_at").notNull(),
  ratedThrough: integer("rated_through").notNull(),
  finishedAt: integer("finished_at"),
});

// ─── Employee data by file ──────────────────────────────────────────────────
/**
 * An employee file's import preview, kept so that applying it writes exactly what was shown: the
 * changes with the line versions they were computed against, the departments to create, and the
 * file's hash. Applied once; a line changed since refuses the whole apply.
 */
export const employeeImports = sqliteTable(
  "employee_imports",
  {
    /** Random, unguessable; the preview page and the apply form carry it. */
    token: text("token").primaryKey(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    /** The whole preview as JSON (see lines/employee-file.ts EmployeeImportPreview). */
    preview: text("preview", { mode: "json" }).notNull(),
    createdAt: integer("created_at").notNull(), // UTC ms
    appliedAt: integer("applied_at"),
  },
  (t) => [index("employee_imports_company_idx").on(t.companyId, t.createdAt)],
);

// ─── Jobs (background work: bulk changes, call-detail orders, large imports) ─
export const jobStatuses = ["queued", "running", "done", "failed", "cancelled"] as const;
export type JobStatus = (typeof jobStatuses)[number];

/**
 * Work stored first and run after, off the request path (jobs/job-runner.ts): claimed by one worker
 * at a time under a lease, so that each job runs once even when several processes share the
 * database, and a job whose worker died is found and retried or failed. `run_after` holds a
 * scheduled job (a bulk change from the next billing month) until its moment.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    /** Null for the system's own jobs; otherwise only this company's administrators see the job. */
    companyId: integer("company_id").references(() => companies.id),
    regionCode: text("region_code").references(() => regions.code),
    createdBy: integer("created_by").references(() => users.id),
    status: text("status", { enum: jobStatuses }).notNull().default("queued"),
    runAfter: integer("run_after").notNull(), // UTC ms
    payload: text("payload", { mode: "json" }).notNull(),
    progressDone: integer("progress_done").notNull().default(0),
    progressTotal: integer("progress_total"),
    result: text("result", { mode: "json" }),
    /** A short code ("interrupted", "stale_preview", "internal"): never a stack or personal data. */
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    leaseOwner: text("lease_owner"),
    leaseUntil: integer("lease_until"), // UTC ms
    createdAt: integer("created_at").notNull(), // UTC ms
    startedAt: integer("started_at"),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    index("jobs_due_idx").on(t.status, t.runAfter),
    index("jobs_company_kind_idx").on(t.companyId, t.kind, t.createdAt),
  ],
);

// ─── Spending limits (issue 9; limits/) ─────────────────────────────────────
export const limitPolicies = ["notify", "block", "split"] as const;
export type LimitPolicy = (typeof limitPolicies)[number];
export const limitScopes = ["company", "department", "line"] as const;
export type LimitScope = (typeof limitScopes)[number];

/**
 * A monthly spending limit of a line, of a department (its lines without their own), or the
 * company's default (lines with neither); the most specific one in force wins. A company row may
 * hold only the default warning percent (amount null). `ends_at` makes a limit temporary: from that
 * instant the line falls back to what it inherits. Resolved with the lines in one statement
 * (limits/effective-limit.ts), in the rating transaction too.
 */
export const spendingLimits = sqliteTable(
  "spending_limits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    scope: text("scope", { enum: limitScopes }).notNull(),
    departmentId: integer("department_id"),
    lineId: integer("line_id").references(() => lines.id),
    /** Kopecks per billing month; null only on a company row that holds just the warning percent. */
    amount: integer("amount"),
    policy: text("policy", { enum: limitPolicies }).notNull().default("notify"),
    /** One warning when spending reaches this share of the limit; null = the company row's, else 80. */
    warningPercent: integer("warning_percent"),
    /** Whether the employee gets the notices by SMS too, in the line's language. */
    notifyEmployee: integer("notify_employee", { mode: "boolean" }).notNull().default(false),
    /** A temporary limit holds until this instant (UTC ms, exclusive); null = until removed. */
    endsAt: integer("ends_at"),
    updatedAt: integer("updated_at").notNull(), // UTC ms
    updatedByUserId: integer("updated_by_user_id").references(() => users.id),
  },
  (t) => [
    foreignKey({ name: "spending_limits_department_company_fk", columns: [t.departmentId, t.companyId], foreignColumns: [departments.id, departments.companyId] }),
    uniqueIndex("spending_limits_line_uq").on(t.lineId),
    uniqueIndex("spending_limits_department_uq").on(t.departmentId),
    uniqueIndex("spending_limits_company_uq").on(t.companyId).where(sql`scope = 'company'`),
    index("spending_limits_ends_idx").on(t.endsAt).where(sql`ends_at is not null`),
    check(
      "spending_limits_scope_ck",
      sql`(scope = 'line' and line_id is not null and department_id is null and amount is not null)
       or (scope = 'department' and department_id is not null and line_id is null and amount is not null)
       or (scope = 'company' and line_id is null and department_id is null)`,
    ),
    check("spending_limits_amount_ck", sql`amount is null or amount > 0`),
    check("spending_limits_warning_ck", sql`warning_percent is null or warning_percent between 1 and 99`),
  ],
);

export const limitNoticeKinds = ["warning", "reached", "blocked", "unblocked"] as const;
export type LimitNoticeKind = (typeof limitNoticeKinds)[number];

/**
 * One row per notice sent: inserted `on conflict do nothing` in the transaction that would send it,
 * so that each notice goes out once per line, billing month, kind and limit amount, whichever
 * process rates or changes what crosses the threshold.
 */
export const limitNotices = sqliteTable(
  "limit_notices",
  {
    lineId: integer("line_id")
      .notNull()
      .references(() => lines.id),
    billingMonth: integer("billing_month").notNull(),
    kind: text("kind", { enum: limitNoticeKinds }).notNull(),
    limitAmount: integer("limit_amount").notNull(),
    createdAt: integer("created_at").notNull(), // UTC ms
  },
  (t) => [primaryKey({ columns: [t.lineId, t.billingMonth, t.kind, t.limitAmount] })],
);

/** A region's month change of limits, done once (the row is its claim, written with the work). */
export const limitMonthChanges = sqliteTable(
  "limit_month_changes",
  {
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    billingMonth: integer("billing_month").notNull(),
    doneAt: integer("done_at").notNull(), // UTC ms
    unblockedLines: integer("unblocked_lines").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.billingMonth] })],
);

// ─── Bulk tariff and service changes ────────────────────────────────────────
/**
 * A bulk change's stored preview (bulk/): the target (a tariff and/or services switched on or off),
 * where the lines came from, and the totals. Applying writes exactly its lines (`bulk_change_lines`)
 * as they were previewed; `job_id` is set once it is applied or scheduled, so it is submitted once.
 */
export const bulkChanges = sqliteTable(
  "bulk_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    regionCode: text("region_code")
      .notNull()
      .references(() => regions.code),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull(), // UTC ms
    /** Where the lines came from (see bulk/bulk-change-types.ts BulkLineSourceRecord), to make a new preview of the same lines. */
    source: text("source", { mode: "json" }).notNull(),
    /** The target tariff; null leaves each line's tariff as it is. */
    tariffId: integer("tariff_id").references(() => tariffs.id),
    servicesOn: text("services_on", { mode: "json" }).$type<number[]>().notNull(),
    servicesOff: text("services_off", { mode: "json" }).$type<number[]>().notNull(),
    changeCount: integer("change_count").notNull(),
    refusedCount: integer("refused_count").notNull(),
    /** Monthly fees (kopecks) of the lines that change, before and after. */
    feeBefore: integer("fee_before").notNull(),
    feeAfter: integer("fee_after").notNull(),
    /** The job that applies it (now or from the next billing month); null while it is only a preview. */
    jobId: integer("job_id").references(() => jobs.id),
    /** "now" or "next_month", chosen when it was submitted. */
    effective: text("effective", { enum: ["now", "next_month"] }),
    /** Set in the transaction that applied it. */
    appliedAt: integer("applied_at"),
    /** Why applying refused ("stale": a line changed since the preview), with the number concerned. */
    refusal: text("refusal"),
    refusalMsisdn: text("refusal_msisdn"),
  },
  (t) => [index("bulk_changes_company_idx").on(t.companyId, t.createdAt), uniqueIndex("bulk_changes_job_uq").on(t.jobId)],
);

/**
 * One line of a bulk change's preview: a line that changes (`refusal` null; its version, tariff,
 * services and monthly fee before and after) or a line or number that cannot change and why.
 * `seq` orders them: the changes first (0 … change_count − 1), then the refusals.
 */
export const bulkChangeLines = sqliteTable(
  "bulk_change_lines",
  {
    bulkChangeId: integer("bulk_change_id")
      .notNull()
      .references(() => bulkChanges.id),
    seq: integer("seq").notNull(),
    /** The row of an uploaded file (1-based, the header is row 1) or of a pasted list. */
    sourceRow: integer("source_row"),
    /** What was written, for a number that could not be read or found. */
    input: text("input"),
    lineId: integer("line_id"),
    msisdn: text("msisdn"),
    /** The line's version the change was computed against: any change since refuses the apply. */
    version: integer("version"),
    refusal: text("refusal"),
    /** The service concerned by a refusal (its code). */
    refusalService: text("refusal_service"),
    tariffBefore: integer("tariff_before"),
    tariffAfter: integer("tariff_after"),
    /** Service ids, comma-separated, ascending. */
    servicesBefore: text("services_before"),
    servicesAfter: text("services_after"),
    feeBefore: integer("fee_before"),
    feeAfter: integer("fee_after"),
  },
  (t) => [primaryKey({ columns: [t.bulkChangeId, t.seq] })],
);

// ─── Limits files (issue 9; limits/limit-file.ts) ──────────────────────────────
/**
 * An uploaded limits file's preview (number; limit; policy), stored under a token between the upload
 * and the apply: a browser without JavaScript cannot send the file twice, and applying writes
 * exactly what was shown. The same shape as `employee_imports`.
 */
export const limitImports = sqliteTable(
  "limit_imports",
  {
    /** Random, unguessable; the preview page and the apply form carry it. */
    token: text("token").primaryKey(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    fileSha256: text("file_sha256").notNull(),
    /** The whole preview as JSON (see limits/limit-file.ts LimitFilePreview). */
    preview: text("preview", { mode: "json" }).notNull(),
    createdAt: integer("created_at").notNull(), // UTC ms
    appliedAt: integer("applied_at"),
  },
  (t) => [index("limit_imports_company_idx").on(t.companyId, t.createdAt)],
);

// ─── Savings advice snapshots (issue 10; savings/savings-advice.ts) ──────────
/**
 * A company's last re-rating on the region's tariffs (decision 016): a large company's is computed by a
 * "savings_advice" job off the request path, and the page shows it while its stamp (what the figures
 * depend on) is unchanged, or as stale advice with its date while the job computes anew.
 */
export const savingsSnapshots = sqliteTable("savings_snapshots", {
  companyId: integer("company_id")
    .primaryKey()
    .references(() => companies.id),
  regionCode: text("region_code")
    .notNull()
    .references(() => regions.code),
  /** What the figures depend on (usage counters, live lines, catalogue, months): equal stamps, equal figures. */
  stamp: text("stamp").notNull(),
  computedAt: integer("computed_at").notNull(), // UTC ms
  /** The re-rated company as JSON (savings/rate-on-tariffs.ts CompanyOnTariffs). */
  result: text("result", { mode: "json" }).notNull(),
});
