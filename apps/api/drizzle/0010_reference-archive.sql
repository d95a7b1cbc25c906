ALTER TABLE `areas` ADD `archived_at` text;--> statement-breakpoint
ALTER TABLE `organisations` ADD `archived_at` text;