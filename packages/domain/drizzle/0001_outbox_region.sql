ALTER TABLE `outbox_messages` ADD `region_code` text REFERENCES regions(code);--> statement-breakpoint
CREATE INDEX `outbox_region_channel_idx` ON `outbox_messages` (`region_code`,`channel`);--> statement-breakpoint
UPDATE `outbox_messages` SET `region_code` = (SELECT `region_code` FROM `applications` WHERE 'application:' || `applications`.`id` = `outbox_messages`.`topic`) WHERE `topic` LIKE 'application:%';--> statement-breakpoint
UPDATE `outbox_messages` SET `region_code` = (SELECT `region_code` FROM `users` WHERE 'user:' || `users`.`id` = `outbox_messages`.`topic`) WHERE `topic` LIKE 'user:%';
