ALTER TABLE `users` ADD `email` text;--> statement-breakpoint
-- Administrators approved before this column: the contact e-mail of the application that made them.
UPDATE `users` SET `email` = (SELECT `a`.`email` FROM `applications` `a` WHERE `a`.`admin_user_id` = `users`.`id` ORDER BY `a`.`id` DESC LIMIT 1) WHERE `email` IS NULL;
