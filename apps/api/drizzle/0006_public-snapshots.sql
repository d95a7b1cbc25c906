CREATE TABLE `promise_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`promise_id` integer NOT NULL,
	`title` text NOT NULL,
	`as_of` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`created_by_user_id` integer,
	FOREIGN KEY (`promise_id`) REFERENCES `promises`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `promise_snapshots_slug_unique` ON `promise_snapshots` (`slug`);--> statement-breakpoint
CREATE INDEX `promise_snapshots_promise` ON `promise_snapshots` (`promise_id`,`id`);