ALTER TABLE `users` ADD `reset_password_hash` text;--> statement-breakpoint
ALTER TABLE `users` ADD `reset_password_issued_at` integer;