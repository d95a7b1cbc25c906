ALTER TABLE "areas" ADD COLUMN "archived_at" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "archived_at" text;