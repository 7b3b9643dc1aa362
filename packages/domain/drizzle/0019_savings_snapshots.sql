CREATE TABLE `savings_snapshots` (
	`company_id` integer PRIMARY KEY NOT NULL,
	`region_code` text NOT NULL,
	`stamp` text NOT NULL,
	`computed_at` integer NOT NULL,
	`result` text NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
