export * from "./applications/application-input.ts";
export * from "./applications/application-pdf.ts";
export * from "./applications/application-receipt.ts";
export * from "./applications/application-status.ts";
export * from "./applications/blank-application-form.ts";
export * from "./applications/complete-application.ts";
export * from "./applications/submit-application.ts";
export * from "./db/open-database.ts";
export type { ApplicationStatus, LineStatus, UserRole } from "./db/schema.ts";
export * from "./deps.ts";
export * from "./errors.ts";
export * from "./outbox/deliver-due-messages.ts";
export * from "./outbox/outbox-backlog.ts";
export * from "./outbox/outbox-worker.ts";
export * from "./outbox/ports.ts";
export * from "./regions/regions.ts";
export * from "./seed/seed-reference-data.ts";
export { formatMsisdn, parseMsisdn, splitNumberList } from "./shared/phone-numbers.ts";
export { formatRegionDate, formatRegionDateTime } from "./shared/region-time.ts";
export * from "./auth/actor.ts";
export * from "./auth/change-password.ts";
export * from "./auth/log-in.ts";
export { checkPasswordPolicy, PASSWORD_MIN_LENGTH } from "./auth/passwords.ts";
export * from "./auth/sessions.ts";
export * from "./auth/temporary-passwords.ts";
export { createStaffUser, loginPattern, normalizeLogin, resetStaffPassword } from "./auth/users.ts";
export * from "./office/application-checks.ts";
export * from "./office/application-review.ts";
export * from "./office/decide-application.ts";
export * from "./office/review-queue.ts";
export * from "./outbox/sms-gateways.ts";
export * from "./outbox/sms-outbox-page.ts";
export * from "./seed/seed-demo-data.ts";
export { normalizeVerificationCode } from "./shared/random-codes.ts";
export * from "./health.ts";
export * from "./cabinet/company-overview.ts";
export * from "./cabinet/spending-summary.ts";
// Issue 11 — spending reports (reports/): the month's report, its CSV and XLSX files
export {
  compareSpending,
  type DepartmentSpending,
  getSpendingReport,
  type LineSpending,
  REPORT_LINES_PAGE_SIZE,
  type ReportLineSort,
  reportLineSorts,
  type SpendingCategory,
  spendingCategories,
  type SpendingChange,
  type SpendingFigures,
  type SpendingReport,
  type SpendingReportQuery,
  TOP_SPENDERS,
} from "./reports/spending-report.ts";
export * from "./reports/spending-report-files.ts";
export * from "./audit/company-audit.ts";
export * from "./retention/prune-expired-records.ts";
export * from "./retention/retention-worker.ts";
export { consumeRateLimit, RATE_LIMITS, type RateLimitName, type RateLimitResult } from "./rate-limits/rate-limits.ts";
export * from "./accounts/movement-listing.ts";
export * from "./accounts/movements.ts";
export * from "./catalogue/reference-catalogue.ts";
export type { BlockReason, MovementKind, UsageKind } from "./db/schema.ts";
export * from "./lines/company-lines.ts";
export * from "./lines/departments.ts";
export * from "./lines/employee-file.ts";
export * from "./lines/employees.ts";
export * from "./lines/issue-lines.ts";
export * from "./lines/line-blocks.ts";
export * from "./lines/line-details.ts";
export * from "./lines/line-history.ts";
export * from "./lines/line-services.ts";
export * from "./lines/line-status.ts";
export * from "./seed/demo-companies.ts";
export * from "./seed/demo-history.ts";
export { billingMonthOf, billingMonthStart } from "./shared/billing-calendar.ts";
export * from "./usage/rate-usage-events.ts";
export * from "./usage/rating-rules.ts";
export * from "./seed/generate-demo-company.ts";
export * from "./usage/import-usage-file.ts";
export * from "./usage/simulate-usage.ts";
export * from "./lines/list-company-lines.ts";
export * from "./lines/line-selection.ts";
// Jobs: background work, stored first and run once (jobs/)
export * from "./jobs/jobs.ts";
export * from "./jobs/job-types.ts";
export { JOB_LEASE_MS, type JobWorker, recoverAbandonedJobs, runDueJobs, runPeriodicTasks, startJobWorker } from "./jobs/job-runner.ts";
export { startJobThread } from "./jobs/job-thread-host.ts";
// Issue 11 — detailing files (the writers; the order flow is in its own block).
export * from "./details/detailing-scope.ts";
export { assertDetailingFits, detailingLines, detailingRows, detailingTimeZone, estimateDetailingRows, type DetailingLine } from "./details/detailing-rows.ts";
export * from "./details/write-detailing.ts";
// Issue 9 — spending limits (limits/): setting, reading, the month change
export * from "./limits/limit-types.ts";
export * from "./limits/set-limits.ts";
export * from "./limits/limit-views.ts";
export * from "./limits/limit-month-change.ts";
// Issue 9 — the limits file (limits/limit-file.ts: number; limit; policy — read, export, preview, apply)
export * from "./limits/limit-file.ts";
// Savings advice (issue 10): what the lines' last full months would have cost on each tariff.
export * from "./savings/rate-on-tariffs.ts";
export * from "./savings/savings-advice.ts";
// Issue 11 — call-detail orders (details/orders/): the order, its job, the orders page, the download
export { checkDetailingPeriod, DETAILING_FULL_MONTHS, type DetailingPeriod, type DetailingWindow, detailingWindow } from "./details/orders/detailing-period.ts";
export type { DetailingLines, DetailingLinesLabel } from "./details/orders/detailing-lines.ts";
export * from "./details/orders/place-detailing-order.ts";
export * from "./details/orders/detailing-orders.ts";
export { type DetailingOrderOutcome, type DetailingWriter, detailingJobHandler, detailingJobHandlerWith, formatFileSize } from "./details/orders/detailing-job.ts";
export { detailingSettings, pruneDetailingFiles } from "./details/orders/detailing-files.ts";
// Issue 10 — bulk tariff and service changes (bulk/): preview, apply or schedule as a job, report
export * from "./bulk/bulk-change-types.ts";
export { NUMBER_FILE_MAX_BYTES, NUMBER_TEXT_MAX_CHARS } from "./bulk/number-list.ts";
export { previewBulkChange, repreviewBulkChange } from "./bulk/preview-bulk-change.ts";
export { bulkChangeJobHandler, cancelBulkChange, changeLineTariff, StalePreviewError, submitBulkChange } from "./bulk/apply-bulk-change.ts";
export * from "./bulk/bulk-change-view.ts";
export * from "./bulk/bulk-change-report.ts";
