export type { ApplicationSummary, EmailContent, Locale } from "./types.ts";
export { escapeHtml } from "./compose.ts";
export { applicationToOfficeEmail } from "./templates/application-to-office.ts";
export { applicationReceivedEmail } from "./templates/application-received.ts";
export { type ApprovalData, applicationApprovedEmail } from "./templates/application-approved.ts";
export { type RejectionData, applicationRejectedEmail } from "./templates/application-rejected.ts";
export { createSmtpTransport, type MailTransport, newMessageId, type OutgoingEmail } from "./transport.ts";
// Call details (issue 11, the order flow)
export { type DetailingReadyData, detailingReadyEmail } from "./templates/detailing-ready.ts";
// Spending limits (issue 9)
export { type SpendingLimitNoticeData, type SpendingLimitNoticeKind, spendingLimitNoticeEmail } from "./templates/spending-limit-notice.ts";
