CREATE UNIQUE INDEX `accounts_id_region_uq` ON `accounts` (`id`,`region_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_id_company_uq` ON `accounts` (`id`,`company_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tariffs_id_region_uq` ON `tariffs` (`id`,`region_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `companies_id_region_uq` ON `companies` (`id`,`region_code`);--> statement-breakpoint
CREATE TABLE `account_movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_id` integer NOT NULL,
	`region_code` text NOT NULL,
	`kind` text NOT NULL,
	`amount` integer NOT NULL,
	`occurred_at` integer NOT NULL,
	`billing_month` integer NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`dedupe_key` text,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`,`region_code`) REFERENCES `accounts`(`id`,`region_code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `account_movements_dedupe_uq` ON `account_movements` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `account_movements_account_time_idx` ON `account_movements` (`account_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `account_movements_account_kind_time_idx` ON `account_movements` (`account_id`,`kind`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `demo_history_runs` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`region_code` text NOT NULL,
	`seed` integer NOT NULL,
	`from_at` integer NOT NULL,
	`to_at` integer NOT NULL,
	`rated_through` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`name_folded` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_company_name_uq` ON `departments` (`company_id`,`name_folded`);--> statement-breakpoint
CREATE UNIQUE INDEX `departments_id_company_uq` ON `departments` (`id`,`company_id`);--> statement-breakpoint
CREATE TABLE `line_blocks` (
	`line_id` integer NOT NULL,
	`reason` text NOT NULL,
	`blocked_at` integer NOT NULL,
	`blocked_by_user_id` integer,
	PRIMARY KEY(`line_id`, `reason`),
	FOREIGN KEY (`line_id`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`blocked_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `line_services` (
	`line_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	`region_code` text NOT NULL,
	`activated_at` integer NOT NULL,
	`activated_by_user_id` integer,
	PRIMARY KEY(`line_id`, `service_id`),
	FOREIGN KEY (`activated_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`line_id`,`region_code`) REFERENCES `lines`(`id`,`region_code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`,`region_code`) REFERENCES `services`(`id`,`region_code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `line_services_service_idx` ON `line_services` (`service_id`);--> statement-breakpoint
CREATE TABLE `line_usage_months` (
	`line_id` integer NOT NULL,
	`billing_month` integer NOT NULL,
	`company_id` integer,
	`minutes_used` integer DEFAULT 0 NOT NULL,
	`sms_used` integer DEFAULT 0 NOT NULL,
	`data_kb_used` integer DEFAULT 0 NOT NULL,
	`roaming_minutes` integer DEFAULT 0 NOT NULL,
	`roaming_sms` integer DEFAULT 0 NOT NULL,
	`roaming_data_kb` integer DEFAULT 0 NOT NULL,
	`calls_charge` integer DEFAULT 0 NOT NULL,
	`sms_charge` integer DEFAULT 0 NOT NULL,
	`data_charge` integer DEFAULT 0 NOT NULL,
	`roaming_charge` integer DEFAULT 0 NOT NULL,
	`total_charge` integer DEFAULT 0 NOT NULL,
	`event_count` integer DEFAULT 0 NOT NULL,
	`last_event_at` integer,
	PRIMARY KEY(`line_id`, `billing_month`),
	FOREIGN KEY (`line_id`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `line_usage_months_company_idx` ON `line_usage_months` (`company_id`,`billing_month`,`total_charge`);--> statement-breakpoint
CREATE TABLE `services` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_code` text NOT NULL,
	`code` text NOT NULL,
	`name_ru` text NOT NULL,
	`name_en` text NOT NULL,
	`description_ru` text NOT NULL,
	`description_en` text NOT NULL,
	`monthly_fee` integer NOT NULL,
	`archived` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `services_region_code_uq` ON `services` (`region_code`,`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `services_id_region_uq` ON `services` (`id`,`region_code`);--> statement-breakpoint
CREATE TABLE `tariff_services` (
	`tariff_id` integer NOT NULL,
	`service_id` integer NOT NULL,
	PRIMARY KEY(`tariff_id`, `service_id`),
	FOREIGN KEY (`tariff_id`) REFERENCES `tariffs`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_id`) REFERENCES `services`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `usage_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_key` text NOT NULL,
	`line_id` integer NOT NULL,
	`started_at` integer NOT NULL,
	`kind` text NOT NULL,
	`roaming` integer NOT NULL,
	`other_party` text,
	`duration_seconds` integer,
	`volume_bytes` integer,
	`units` integer NOT NULL,
	`included_units` integer NOT NULL,
	`charge` integer NOT NULL,
	FOREIGN KEY (`line_id`) REFERENCES `lines`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_events_key_uq` ON `usage_events` (`event_key`);--> statement-breakpoint
CREATE INDEX `usage_events_line_time_idx` ON `usage_events` (`line_id`,`started_at`);--> statement-breakpoint
CREATE TABLE `__new_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`region_code` text NOT NULL,
	`company_id` integer,
	`account_id` integer NOT NULL,
	`msisdn` text NOT NULL,
	`tariff_id` integer NOT NULL,
	`department_id` integer,
	`employee_name` text,
	`employee_name_folded` text,
	`employee_locale` text DEFAULT 'ru' NOT NULL,
	`block_mask` integer DEFAULT 0 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`activated_at` integer NOT NULL,
	`terminated_at` integer,
	`status` text DEFAULT 'active' NOT NULL,
	`department` text,
	`monthly_limit` integer,
	`limit_policy` text DEFAULT 'notify' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`,`region_code`) REFERENCES `accounts`(`id`,`region_code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`,`company_id`) REFERENCES `accounts`(`id`,`company_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`company_id`,`region_code`) REFERENCES `companies`(`id`,`region_code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`tariff_id`,`region_code`) REFERENCES `tariffs`(`id`,`region_code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`,`company_id`) REFERENCES `departments`(`id`,`company_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_lines`("id", "region_code", "company_id", "account_id", "msisdn", "tariff_id", "department_id", "employee_name", "employee_name_folded", "employee_locale", "block_mask", "version", "activated_at", "terminated_at", "status", "department", "monthly_limit", "limit_policy", "created_at") SELECT l."id", a."region_code", a."company_id", l."account_id", l."msisdn", l."tariff_id", NULL, l."employee_name", NULL, 'ru', 0, 1, l."created_at", NULL, l."status", l."department", l."monthly_limit", l."limit_policy", l."created_at" FROM `lines` l JOIN `accounts` a ON a."id" = l."account_id";--> statement-breakpoint
DROP TABLE `lines`;--> statement-breakpoint
ALTER TABLE `__new_lines` RENAME TO `lines`;--> statement-breakpoint
CREATE UNIQUE INDEX `lines_live_msisdn_uq` ON `lines` (`msisdn`) WHERE terminated_at is null;--> statement-breakpoint
CREATE INDEX `lines_msisdn_idx` ON `lines` (`msisdn`,`activated_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `lines_id_region_uq` ON `lines` (`id`,`region_code`);--> statement-breakpoint
CREATE INDEX `lines_account_idx` ON `lines` (`account_id`);--> statement-breakpoint
CREATE INDEX `lines_company_msisdn_idx` ON `lines` (`company_id`,`msisdn`) WHERE terminated_at is null;--> statement-breakpoint
CREATE INDEX `lines_company_name_idx` ON `lines` (`company_id`,`employee_name_folded`) WHERE terminated_at is null;--> statement-breakpoint
CREATE INDEX `lines_company_department_idx` ON `lines` (`company_id`,`department_id`,`msisdn`) WHERE terminated_at is null;--> statement-breakpoint
CREATE INDEX `lines_company_tariff_idx` ON `lines` (`company_id`,`tariff_id`,`msisdn`) WHERE terminated_at is null;--> statement-breakpoint
CREATE INDEX `lines_company_blocks_idx` ON `lines` (`company_id`,`block_mask`,`msisdn`) WHERE terminated_at is null;--> statement-breakpoint
ALTER TABLE `accounts` ADD `balance` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `description_ru` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `description_en` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `minute_price_ck` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `sms_price_ck` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `mb_price_ck` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `roaming_minute_price_ck` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `roaming_sms_price_ck` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `tariffs` ADD `roaming_mb_price_ck` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand-written (decision 009): what the old shape held, carried into the new one. fold_text() is the
-- function openDatabase registers on every connection before migrating.
INSERT INTO `departments` (`company_id`, `name`, `name_folded`, `created_at`)
  SELECT `company_id`, min(trim(`department`)), fold_text(trim(`department`)), min(`created_at`) FROM `lines`
  WHERE `company_id` IS NOT NULL AND `department` IS NOT NULL AND trim(`department`) <> ''
  GROUP BY `company_id`, fold_text(trim(`department`));--> statement-breakpoint
UPDATE `lines` SET `department_id` = (SELECT d.`id` FROM `departments` d WHERE d.`company_id` = `lines`.`company_id` AND d.`name_folded` = fold_text(trim(`lines`.`department`)))
  WHERE `company_id` IS NOT NULL AND `department` IS NOT NULL AND trim(`department`) <> '';--> statement-breakpoint
UPDATE `lines` SET `employee_name_folded` = fold_text(`employee_name`) WHERE `employee_name` IS NOT NULL;--> statement-breakpoint
-- lines.block_mask mirrors line_blocks (bits: loss 1, voluntary 2, limit 4), and every block or
-- lift counts as a change of the line for optimistic concurrency.
CREATE TRIGGER `line_blocks_added` AFTER INSERT ON `line_blocks` BEGIN
  UPDATE `lines` SET `block_mask` = `block_mask` | (CASE NEW.`reason` WHEN 'loss' THEN 1 WHEN 'voluntary' THEN 2 WHEN 'limit' THEN 4 END), `version` = `version` + 1 WHERE `id` = NEW.`line_id`;
END;--> statement-breakpoint
CREATE TRIGGER `line_blocks_lifted` AFTER DELETE ON `line_blocks` BEGIN
  UPDATE `lines` SET `block_mask` = `block_mask` & ~(CASE OLD.`reason` WHEN 'loss' THEN 1 WHEN 'voluntary' THEN 2 WHEN 'limit' THEN 4 END), `version` = `version` + 1 WHERE `id` = OLD.`line_id`;
END;--> statement-breakpoint
INSERT INTO `line_blocks` (`line_id`, `reason`, `blocked_at`)
  SELECT `id`, CASE `status` WHEN 'blocked_loss' THEN 'loss' WHEN 'blocked_voluntary' THEN 'voluntary' ELSE 'limit' END, `created_at` FROM `lines` WHERE `status` <> 'active';--> statement-breakpoint
-- Per-unit prices were whole kopecks; now hundredths of a kopeck.
UPDATE `tariffs` SET `minute_price_ck` = `price_per_minute` * 100, `sms_price_ck` = `price_per_sms` * 100, `mb_price_ck` = `price_per_mb` * 100;
