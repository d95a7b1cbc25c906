-- The audit trail (issue 3): every write to these tables appends a row to audit_log in the same
-- statement, so a change without its audit row cannot happen. Who, from where and when come from
-- audit_context(), a function the API registers on its connection (src/db/audit-context.ts); it
-- fails when nobody has said who is writing, which makes an unattributed write fail too.
-- Generated from the table definitions; password and token hashes are left out.
CREATE TRIGGER audit_areas_insert AFTER INSERT ON areas
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'area.create', 'area', NEW.id, NULL, json_object('id', NEW.id, 'name', NEW.name, 'parentId', NEW.parent_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_areas_update AFTER UPDATE ON areas
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'area.update', 'area', NEW.id, json_object('id', OLD.id, 'name', OLD.name, 'parentId', OLD.parent_id), json_object('id', NEW.id, 'name', NEW.name, 'parentId', NEW.parent_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_areas_delete AFTER DELETE ON areas
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'area.delete', 'area', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'parentId', OLD.parent_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_organisations_insert AFTER INSERT ON organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'organisation.create', 'organisation', NEW.id, NULL, json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind));
END;
--> statement-breakpoint
CREATE TRIGGER audit_organisations_update AFTER UPDATE ON organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'organisation.update', 'organisation', NEW.id, json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind), json_object('id', NEW.id, 'name', NEW.name, 'kind', NEW.kind));
END;
--> statement-breakpoint
CREATE TRIGGER audit_organisations_delete AFTER DELETE ON organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'organisation.delete', 'organisation', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'kind', OLD.kind), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_users_insert AFTER INSERT ON users
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'user.create', 'user', NEW.id, NULL, json_object('id', NEW.id, 'email', NEW.email, 'name', NEW.name, 'role', NEW.role, 'disabledAt', NEW.disabled_at, 'createdAt', NEW.created_at));
END;
--> statement-breakpoint
CREATE TRIGGER audit_users_update AFTER UPDATE ON users
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), CASE WHEN OLD.disabled_at IS NULL AND NEW.disabled_at IS NOT NULL THEN 'user.disable' WHEN OLD.disabled_at IS NOT NULL AND NEW.disabled_at IS NULL THEN 'user.enable' ELSE 'user.update' END, 'user', NEW.id, json_object('id', OLD.id, 'email', OLD.email, 'name', OLD.name, 'role', OLD.role, 'disabledAt', OLD.disabled_at, 'createdAt', OLD.created_at), json_object('id', NEW.id, 'email', NEW.email, 'name', NEW.name, 'role', NEW.role, 'disabledAt', NEW.disabled_at, 'createdAt', NEW.created_at, 'passwordChanged', OLD.password_hash IS NOT NEW.password_hash));
END;
--> statement-breakpoint
CREATE TRIGGER audit_users_delete AFTER DELETE ON users
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'user.delete', 'user', OLD.id, json_object('id', OLD.id, 'email', OLD.email, 'name', OLD.name, 'role', OLD.role, 'disabledAt', OLD.disabled_at, 'createdAt', OLD.created_at), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_user_organisations_insert AFTER INSERT ON user_organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'user.organisation.add', 'user', NEW.user_id, NULL, json_object('userId', NEW.user_id, 'organisationId', NEW.organisation_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_user_organisations_update AFTER UPDATE ON user_organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'user.organisation.update', 'user', NEW.user_id, json_object('userId', OLD.user_id, 'organisationId', OLD.organisation_id), json_object('userId', NEW.user_id, 'organisationId', NEW.organisation_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_user_organisations_delete AFTER DELETE ON user_organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'user.organisation.remove', 'user', OLD.user_id, json_object('userId', OLD.user_id, 'organisationId', OLD.organisation_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_promises_insert AFTER INSERT ON promises
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'promise.create', 'promise', NEW.id, NULL, json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'areaId', NEW.area_id, 'startDate', NEW.start_date, 'endDate', NEW.end_date, 'summary', NEW.summary, 'contact', NEW.contact, 'status', NEW.status, 'isExample', NEW.is_example, 'createdAt', NEW.created_at));
END;
--> statement-breakpoint
CREATE TRIGGER audit_promises_update AFTER UPDATE ON promises
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'promise.update', 'promise', NEW.id, json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'areaId', OLD.area_id, 'startDate', OLD.start_date, 'endDate', OLD.end_date, 'summary', OLD.summary, 'contact', OLD.contact, 'status', OLD.status, 'isExample', OLD.is_example, 'createdAt', OLD.created_at), json_object('id', NEW.id, 'slug', NEW.slug, 'title', NEW.title, 'areaId', NEW.area_id, 'startDate', NEW.start_date, 'endDate', NEW.end_date, 'summary', NEW.summary, 'contact', NEW.contact, 'status', NEW.status, 'isExample', NEW.is_example, 'createdAt', NEW.created_at));
END;
--> statement-breakpoint
CREATE TRIGGER audit_promises_delete AFTER DELETE ON promises
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'promise.delete', 'promise', OLD.id, json_object('id', OLD.id, 'slug', OLD.slug, 'title', OLD.title, 'areaId', OLD.area_id, 'startDate', OLD.start_date, 'endDate', OLD.end_date, 'summary', OLD.summary, 'contact', OLD.contact, 'status', OLD.status, 'isExample', OLD.is_example, 'createdAt', OLD.created_at), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_themes_insert AFTER INSERT ON themes
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'promise.theme.create', 'promise', NEW.promise_id, NULL, json_object('id', NEW.id, 'promiseId', NEW.promise_id, 'name', NEW.name, 'position', NEW.position));
END;
--> statement-breakpoint
CREATE TRIGGER audit_themes_update AFTER UPDATE ON themes
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'promise.theme.update', 'promise', NEW.promise_id, json_object('id', OLD.id, 'promiseId', OLD.promise_id, 'name', OLD.name, 'position', OLD.position), json_object('id', NEW.id, 'promiseId', NEW.promise_id, 'name', NEW.name, 'position', NEW.position));
END;
--> statement-breakpoint
CREATE TRIGGER audit_themes_delete AFTER DELETE ON themes
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'promise.theme.delete', 'promise', OLD.promise_id, json_object('id', OLD.id, 'promiseId', OLD.promise_id, 'name', OLD.name, 'position', OLD.position), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_activity_types_insert AFTER INSERT ON activity_types
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'activity_type.create', 'activity_type', NEW.code, NULL, json_object('code', NEW.code, 'label', NEW.label));
END;
--> statement-breakpoint
CREATE TRIGGER audit_activity_types_update AFTER UPDATE ON activity_types
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'activity_type.update', 'activity_type', NEW.code, json_object('code', OLD.code, 'label', OLD.label), json_object('code', NEW.code, 'label', NEW.label));
END;
--> statement-breakpoint
CREATE TRIGGER audit_activity_types_delete AFTER DELETE ON activity_types
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'activity_type.delete', 'activity_type', OLD.code, json_object('code', OLD.code, 'label', OLD.label), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_commitments_insert AFTER INSERT ON commitments
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'commitment.create', 'commitment', NEW.id, NULL, json_object('id', NEW.id, 'promiseId', NEW.promise_id, 'position', NEW.position, 'title', NEW.title, 'description', NEW.description, 'themeId', NEW.theme_id, 'activityType', NEW.activity_type, 'unit', NEW.unit, 'target', NEW.target, 'cadence', NEW.cadence, 'createdAt', NEW.created_at));
END;
--> statement-breakpoint
CREATE TRIGGER audit_commitments_update AFTER UPDATE ON commitments
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'commitment.update', 'commitment', NEW.id, json_object('id', OLD.id, 'promiseId', OLD.promise_id, 'position', OLD.position, 'title', OLD.title, 'description', OLD.description, 'themeId', OLD.theme_id, 'activityType', OLD.activity_type, 'unit', OLD.unit, 'target', OLD.target, 'cadence', OLD.cadence, 'createdAt', OLD.created_at), json_object('id', NEW.id, 'promiseId', NEW.promise_id, 'position', NEW.position, 'title', NEW.title, 'description', NEW.description, 'themeId', NEW.theme_id, 'activityType', NEW.activity_type, 'unit', NEW.unit, 'target', NEW.target, 'cadence', NEW.cadence, 'createdAt', NEW.created_at));
END;
--> statement-breakpoint
CREATE TRIGGER audit_commitments_delete AFTER DELETE ON commitments
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'commitment.delete', 'commitment', OLD.id, json_object('id', OLD.id, 'promiseId', OLD.promise_id, 'position', OLD.position, 'title', OLD.title, 'description', OLD.description, 'themeId', OLD.theme_id, 'activityType', OLD.activity_type, 'unit', OLD.unit, 'target', OLD.target, 'cadence', OLD.cadence, 'createdAt', OLD.created_at), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_commitment_organisations_insert AFTER INSERT ON commitment_organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'commitment.organisation.add', 'commitment', NEW.commitment_id, NULL, json_object('commitmentId', NEW.commitment_id, 'organisationId', NEW.organisation_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_commitment_organisations_update AFTER UPDATE ON commitment_organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'commitment.organisation.update', 'commitment', NEW.commitment_id, json_object('commitmentId', OLD.commitment_id, 'organisationId', OLD.organisation_id), json_object('commitmentId', NEW.commitment_id, 'organisationId', NEW.organisation_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_commitment_organisations_delete AFTER DELETE ON commitment_organisations
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'commitment.organisation.remove', 'commitment', OLD.commitment_id, json_object('commitmentId', OLD.commitment_id, 'organisationId', OLD.organisation_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_activities_insert AFTER INSERT ON activities
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'activity.create', 'activity', NEW.id, NULL, json_object('id', NEW.id, 'commitmentId', NEW.commitment_id, 'occurredAt', NEW.occurred_at, 'localDate', NEW.local_date, 'quantity', NEW.quantity, 'organisationId', NEW.organisation_id, 'place', NEW.place, 'note', NEW.note, 'loggedBy', NEW.logged_by, 'createdAt', NEW.created_at, 'isDemo', NEW.is_demo, 'voidedAt', NEW.voided_at, 'voidedBy', NEW.voided_by, 'voidReason', NEW.void_reason, 'loggedByUserId', NEW.logged_by_user_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_activities_update AFTER UPDATE ON activities
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), CASE WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL THEN 'activity.void' ELSE 'activity.update' END, 'activity', NEW.id, json_object('id', OLD.id, 'commitmentId', OLD.commitment_id, 'occurredAt', OLD.occurred_at, 'localDate', OLD.local_date, 'quantity', OLD.quantity, 'organisationId', OLD.organisation_id, 'place', OLD.place, 'note', OLD.note, 'loggedBy', OLD.logged_by, 'createdAt', OLD.created_at, 'isDemo', OLD.is_demo, 'voidedAt', OLD.voided_at, 'voidedBy', OLD.voided_by, 'voidReason', OLD.void_reason, 'loggedByUserId', OLD.logged_by_user_id), json_object('id', NEW.id, 'commitmentId', NEW.commitment_id, 'occurredAt', NEW.occurred_at, 'localDate', NEW.local_date, 'quantity', NEW.quantity, 'organisationId', NEW.organisation_id, 'place', NEW.place, 'note', NEW.note, 'loggedBy', NEW.logged_by, 'createdAt', NEW.created_at, 'isDemo', NEW.is_demo, 'voidedAt', NEW.voided_at, 'voidedBy', NEW.voided_by, 'voidReason', NEW.void_reason, 'loggedByUserId', NEW.logged_by_user_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_activities_delete AFTER DELETE ON activities
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'activity.delete', 'activity', OLD.id, json_object('id', OLD.id, 'commitmentId', OLD.commitment_id, 'occurredAt', OLD.occurred_at, 'localDate', OLD.local_date, 'quantity', OLD.quantity, 'organisationId', OLD.organisation_id, 'place', OLD.place, 'note', OLD.note, 'loggedBy', OLD.logged_by, 'createdAt', OLD.created_at, 'isDemo', OLD.is_demo, 'voidedAt', OLD.voided_at, 'voidedBy', OLD.voided_by, 'voidReason', OLD.void_reason, 'loggedByUserId', OLD.logged_by_user_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_updates_insert AFTER INSERT ON updates
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'update.create', 'update', NEW.id, NULL, json_object('id', NEW.id, 'commitmentId', NEW.commitment_id, 'date', NEW.date, 'text', NEW.text, 'isPublic', NEW.is_public, 'createdBy', NEW.created_by, 'createdAt', NEW.created_at, 'createdByUserId', NEW.created_by_user_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_updates_update AFTER UPDATE ON updates
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'update.update', 'update', NEW.id, json_object('id', OLD.id, 'commitmentId', OLD.commitment_id, 'date', OLD.date, 'text', OLD.text, 'isPublic', OLD.is_public, 'createdBy', OLD.created_by, 'createdAt', OLD.created_at, 'createdByUserId', OLD.created_by_user_id), json_object('id', NEW.id, 'commitmentId', NEW.commitment_id, 'date', NEW.date, 'text', NEW.text, 'isPublic', NEW.is_public, 'createdBy', NEW.created_by, 'createdAt', NEW.created_at, 'createdByUserId', NEW.created_by_user_id));
END;
--> statement-breakpoint
CREATE TRIGGER audit_updates_delete AFTER DELETE ON updates
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'update.delete', 'update', OLD.id, json_object('id', OLD.id, 'commitmentId', OLD.commitment_id, 'date', OLD.date, 'text', OLD.text, 'isPublic', OLD.is_public, 'createdBy', OLD.created_by, 'createdAt', OLD.created_at, 'createdByUserId', OLD.created_by_user_id), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_terms_insert AFTER INSERT ON terms
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'term.create', 'term', NEW.id, NULL, json_object('id', NEW.id, 'name', NEW.name, 'startDate', NEW.start_date, 'endDate', NEW.end_date));
END;
--> statement-breakpoint
CREATE TRIGGER audit_terms_update AFTER UPDATE ON terms
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'term.update', 'term', NEW.id, json_object('id', OLD.id, 'name', OLD.name, 'startDate', OLD.start_date, 'endDate', OLD.end_date), json_object('id', NEW.id, 'name', NEW.name, 'startDate', NEW.start_date, 'endDate', NEW.end_date));
END;
--> statement-breakpoint
CREATE TRIGGER audit_terms_delete AFTER DELETE ON terms
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'term.delete', 'term', OLD.id, json_object('id', OLD.id, 'name', OLD.name, 'startDate', OLD.start_date, 'endDate', OLD.end_date), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_api_tokens_insert AFTER INSERT ON api_tokens
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'token.create', 'token', NEW.id, NULL, json_object('id', NEW.id, 'userId', NEW.user_id, 'name', NEW.name, 'createdAt', NEW.created_at, 'revokedAt', NEW.revoked_at));
END;
--> statement-breakpoint
CREATE TRIGGER audit_api_tokens_update AFTER UPDATE ON api_tokens
WHEN OLD.revoked_at IS NOT NEW.revoked_at OR OLD.name IS NOT NEW.name OR OLD.user_id IS NOT NEW.user_id
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), CASE WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN 'token.revoke' ELSE 'token.update' END, 'token', NEW.id, json_object('id', OLD.id, 'userId', OLD.user_id, 'name', OLD.name, 'createdAt', OLD.created_at, 'revokedAt', OLD.revoked_at), json_object('id', NEW.id, 'userId', NEW.user_id, 'name', NEW.name, 'createdAt', NEW.created_at, 'revokedAt', NEW.revoked_at));
END;
--> statement-breakpoint
CREATE TRIGGER audit_api_tokens_delete AFTER DELETE ON api_tokens
BEGIN
  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)
  VALUES (audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address'), 'token.delete', 'token', OLD.id, json_object('id', OLD.id, 'userId', OLD.user_id, 'name', OLD.name, 'createdAt', OLD.created_at, 'revokedAt', OLD.revoked_at), NULL);
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only: rows are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'the audit trail is append-only: rows are never deleted');
END;
