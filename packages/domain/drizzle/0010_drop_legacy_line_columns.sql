ALTER TABLE `lines` DROP COLUMN `status`;--> statement-breakpoint
ALTER TABLE `lines` DROP COLUMN `department`;--> statement-breakpoint
ALTER TABLE `lines` DROP COLUMN `monthly_limit`;--> statement-breakpoint
ALTER TABLE `lines` DROP COLUMN `limit_policy`;--> statement-breakpoint
ALTER TABLE `tariffs` DROP COLUMN `price_per_minute`;--> statement-breakpoint
ALTER TABLE `tariffs` DROP COLUMN `price_per_sms`;--> statement-breakpoint
ALTER TABLE `tariffs` DROP COLUMN `price_per_mb`;