PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`region_code` text NOT NULL,
	`company_name` text NOT NULL,
	`owner_name` text NOT NULL,
	`account_number` text NOT NULL,
	`numbers` text NOT NULL,
	`contact_number` text NOT NULL,
	`email` text NOT NULL,
	`representative_name` text NOT NULL,
	`locale` text DEFAULT 'ru' NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`submitted_at` integer NOT NULL,
	`submission_key` text NOT NULL,
	`receipt_token` text NOT NULL,
	`verification_code` text NOT NULL,
	`pdf` blob,
	`pdf_sha256` text,
	`decided_at` integer,
	`decided_by_user_id` integer,
	`decision_comment` text,
	`checks_overridden` integer DEFAULT false NOT NULL,
	`company_id` integer,
	`admin_user_id` integer,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`admin_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_applications`("id", "reference", "region_code", "company_name", "owner_name", "account_number", "numbers", "contact_number", "email", "representative_name", "locale", "status", "submitted_at", "submission_key", "receipt_token", "verification_code", "pdf", "pdf_sha256", "decided_at", "decided_by_user_id", "decision_comment", "checks_overridden", "company_id", "admin_user_id") SELECT "id", "reference", "region_code", "company_name", "owner_name", "account_number", "numbers", "contact_number", "email", "representative_name", "locale", "status", "submitted_at", "submission_key", "receipt_token", "verification_code", "pdf", "pdf_sha256", "decided_at", "decided_by_user_id", "decision_comment", "checks_overridden", "company_id", "admin_user_id" FROM `applications`;--> statement-breakpoint
DROP TABLE `applications`;--> statement-breakpoint
ALTER TABLE `__new_applications` RENAME TO `applications`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `applications_reference_unique` ON `applications` (`reference`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_receipt_token_unique` ON `applications` (`receipt_token`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_verification_code_unique` ON `applications` (`verification_code`);--> statement-breakpoint
CREATE INDEX `applications_region_status_idx` ON `applications` (`region_code`,`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `applications_pdf_sha256_idx` ON `applications` (`pdf_sha256`);--> statement-breakpoint
CREATE INDEX `applications_submission_key_idx` ON `applications` (`submission_key`);