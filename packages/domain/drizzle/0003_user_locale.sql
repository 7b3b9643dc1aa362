ALTER TABLE `users` ADD `locale` text DEFAULT 'ru' NOT NULL;--> statement-breakpoint
UPDATE `users` SET `locale` = (SELECT `locale` FROM `applications` WHERE `applications`.`admin_user_id` = `users`.`id` ORDER BY `applications`.`id` LIMIT 1) WHERE EXISTS (SELECT 1 FROM `applications` WHERE `applications`.`admin_user_id` = `users`.`id`);
