CREATE TABLE `limit_month_changes` (
	`region_code` text NOT NULL,
	`billing_month` integer NOT NULL,
	`done_at` integer NOT NULL,
	`unblocked_lines` integer NOT NULL,
	PRIMARY KEY(`region_code`, `billing_month`),
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `limit_notices` (
	`line_id` integer NOT NULL,
	`billing_month` integer NOT NULL,
	`kind` text NOT NULL,
	`limit_amount` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`line_id`, `billing_month`, `kind`, `limit_amount`),
	FOREIGN KEY (`line_id`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `spending_limits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`scope` text NOT NULL,
	`department_id` integer,
	`line_id` integer,
	`amount` integer,
	`policy` text DEFAULT 'notify' NOT NULL,
	`warning_percent` integer,
	`notify_employee` integer DEFAULT false NOT NULL,
	`ends_at` integer,
	`updated_at` integer NOT NULL,
	`updated_by_user_id` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`,`company_id`) REFERENCES `departments`(`id`,`company_id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "spending_limits_scope_ck" CHECK((scope = 'line' and line_id is not null and department_id is null and amount is not null)
       or (scope = 'department' and department_id is not null and line_id is null and amount is not null)
       or (scope = 'company' and line_id is null and department_id is null)),
	CONSTRAINT "spending_limits_amount_ck" CHECK(amount is null or amount > 0),
	CONSTRAINT "spending_limits_warning_ck" CHECK(warning_percent is null or warning_percent between 1 and 99)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `spending_limits_line_uq` ON `spending_limits` (`line_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `spending_limits_department_uq` ON `spending_limits` (`department_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `spending_limits_company_uq` ON `spending_limits` (`company_id`) WHERE scope = 'company';--> statement-breakpoint
CREATE INDEX `spending_limits_ends_idx` ON `spending_limits` (`ends_at`) WHERE ends_at is not null;--> statement-breakpoint
ALTER TABLE `line_usage_months` ADD `employee_charge` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `line_usage_months` ADD `refused_events` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `line_usage_months` ADD `limit_reached_at` integer;--> statement-breakpoint
ALTER TABLE `usage_events` ADD `employee_charge` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `usage_events` ADD `refused` integer DEFAULT false NOT NULL;