CREATE TABLE `bulk_change_lines` (
	`bulk_change_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`source_row` integer,
	`input` text,
	`line_id` integer,
	`msisdn` text,
	`version` integer,
	`refusal` text,
	`refusal_service` text,
	`tariff_before` integer,
	`tariff_after` integer,
	`services_before` text,
	`services_after` text,
	`fee_before` integer,
	`fee_after` integer,
	PRIMARY KEY(`bulk_change_id`, `seq`),
	FOREIGN KEY (`bulk_change_id`) REFERENCES `bulk_changes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `bulk_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`region_code` text NOT NULL,
	`created_by` integer NOT NULL,
	`created_at` integer NOT NULL,
	`source` text NOT NULL,
	`tariff_id` integer,
	`services_on` text NOT NULL,
	`services_off` text NOT NULL,
	`change_count` integer NOT NULL,
	`refused_count` integer NOT NULL,
	`fee_before` integer NOT NULL,
	`fee_after` integer NOT NULL,
	`job_id` integer,
	`effective` text,
	`applied_at` integer,
	`refusal` text,
	`refusal_msisdn` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_id`) REFERENCES `tariffs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bulk_changes_company_idx` ON `bulk_changes` (`company_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `bulk_changes_job_uq` ON `bulk_changes` (`job_id`);