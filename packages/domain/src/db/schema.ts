import { sql } from "drizzle-orm";
import {
  blob,
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

// ─── Tariffs (per region) ───────────────────────────────────────────────────
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
    monthlyFee: integer("monthly_fee").notNull(), // kopecks
    includedMinutes: integer("included_minutes").notNull().default(0),
    includedSms: integer("included_sms").notNull().default(0),
    includedMb: integer("included_mb").notNull().default(0),
    pricePerMinute: integer("price_per_minute").notNull().default(0),
    pricePerSms: integer("price_per_sms").notNull().default(0),
    pricePerMb: integer("price_per_mb").notNull().default(0),
    archived: integer("archived", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("tariffs_region_code_uq").on(t.regionCode, t.code)],
);

// ─── Companies, accounts and lines (the operator's records) ─────────────────
export const companies = sqliteTable("companies", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  regionCode: text("region_code")
    .notNull()
    .references(() => regions.code),
  name: text("name").notNull(),
  ownerName: text("owner_name").notNull(),
  createdAt: createdAt(),
});

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
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("accounts_region_number_uq").on(t.regionCode, t.accountNumber),
    index("accounts_company_idx").on(t.companyId),
  ],
);

export const lineStatuses = ["active", "blocked_loss", "blocked_voluntary", "blocked_limit"] as const;
export type LineStatus = (typeof lineStatuses)[number];
export const limitPolicies = ["notify", "block"] as const;
export type LimitPolicy = (typeof limitPolicies)[number];

export const lines = sqliteTable(
  "lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id),
    msisdn: text("msisdn").notNull().unique(), // E.164
    tariffId: integer("tariff_id")
      .notNull()
      .references(() => tariffs.id),
    status: text("status", { enum: lineStatuses }).notNull().default("active"),
    employeeName: text("employee_name"),
    department: text("department"),
    monthlyLimit: integer("monthly_limit"), // kopecks; null = no limit
    limitPolicy: text("limit_policy", { enum: limitPolicies }).notNull().default("notify"),
    createdAt: createdAt(),
  },
  (t) => [index("lines_account_idx").on(t.accountId)],
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
