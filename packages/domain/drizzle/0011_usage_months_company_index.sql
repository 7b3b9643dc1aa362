DROP INDEX `line_usage_months_company_idx`;--> statement-breakpoint
CREATE INDEX `line_usage_months_company_idx` ON `line_usage_months` (`company_id`,`billing_month`);