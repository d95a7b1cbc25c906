-- Daily totals per commitment, kept in the same transaction as every insert and void of an
-- activity. Triggers rather than application code, so no writer (API, import, seed, a future
-- script) can forget them. Activities are never deleted and never edited: a mistake is voided.
CREATE TRIGGER activities_rollup_insert AFTER INSERT ON activities
WHEN NEW.voided_at IS NULL
BEGIN
  INSERT INTO commitment_daily_totals (commitment_id, local_date, quantity, activity_count)
  VALUES (NEW.commitment_id, NEW.local_date, NEW.quantity, 1)
  ON CONFLICT (commitment_id, local_date) DO UPDATE SET
    quantity = quantity + excluded.quantity,
    activity_count = activity_count + 1;
END;
--> statement-breakpoint
CREATE TRIGGER activities_rollup_void AFTER UPDATE OF voided_at ON activities
WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL
BEGIN
  UPDATE commitment_daily_totals
  SET quantity = quantity - OLD.quantity, activity_count = activity_count - 1
  WHERE commitment_id = OLD.commitment_id AND local_date = OLD.local_date;
END;
--> statement-breakpoint
CREATE TRIGGER activities_no_unvoid BEFORE UPDATE OF voided_at ON activities
WHEN OLD.voided_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a voided activity stays voided');
END;
--> statement-breakpoint
CREATE TRIGGER activities_immutable BEFORE UPDATE OF commitment_id, occurred_at, local_date, quantity, is_demo ON activities
BEGIN
  SELECT RAISE(ABORT, 'activities are not edited: void and log a new one');
END;
--> statement-breakpoint
CREATE TRIGGER activities_never_deleted BEFORE DELETE ON activities
BEGIN
  SELECT RAISE(ABORT, 'activities are never deleted: void instead');
END;
