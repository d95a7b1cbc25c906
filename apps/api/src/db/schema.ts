import { sql } from "drizzle-orm";
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

const createdAt = () =>
  text("created_at")
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

export const areas = sqliteTable("areas", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  parentId: integer("parent_id").references((): AnySQLiteColumn => areas.id),
  /** Set when archived (issue 7): kept for history, not offered for new promises. */
  archivedAt: text("archived_at"),
});

export const ROLE_VALUES = ["admin", "manager", "coordinator", "viewer"] as const;

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  /** Lower-cased when stored, so sign-in ignores case. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: text("role", { enum: ROLE_VALUES }).notNull(),
  /** argon2id, PHC string format; never leaves the API, never in the audit trail. */
  passwordHash: text("password_hash").notNull(),
  disabledAt: text("disabled_at"),
  createdAt: createdAt(),
});

export const ORGANISATION_KINDS = ["police", "municipal", "housing", "association", "business", "other"] as const;

export const organisations = sqliteTable("organisations", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  kind: text("kind", { enum: ORGANISATION_KINDS }).notNull().default("other"),
  /** Set when archived (issue 7): kept for history, not offered for new commitments or activities. */
  archivedAt: text("archived_at"),
});

/** The organisations a user acts for (coordinators: where they may log and void). */
export const userOrganisations = sqliteTable(
  "user_organisations",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] })],
);

/**
 * Web sessions. The key is the SHA-256 of the cookie's random token: a copy of the database
 * does not let anyone act as a signed-in user.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: text("created_at").notNull(),
    lastSeenAt: text("last_seen_at").notNull(),
    /** The absolute timeout: the session ends then, however active. */
    expiresAt: text("expires_at").notNull(),
    address: text("address"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

/** Bearer tokens for scripts and integrations: shown once, stored as a SHA-256 hash. */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: text("last_used_at"),
    revokedAt: text("revoked_at"),
  },
  (t) => [index("api_tokens_user").on(t.userId)],
);

/**
 * The audit trail: one row per change and per security event, appended in the same transaction
 * as the change (by triggers, see drizzle/0003_audit-triggers.sql). Triggers refuse UPDATE and DELETE.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    // Never deleted, so a plain rowid key never reuses an id, without AUTOINCREMENT's extra write.
    id: integer("id").primaryKey(),
    /** UTC, ISO 8601. */
    at: text("at").notNull(),
    userId: integer("user_id"),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    recordType: text("record_type"),
    recordId: text("record_id"),
    before: text("before"),
    after: text("after"),
    address: text("address"),
  },
  // One index, for a record's history. Filters by user or time walk the table newest first and
  // stop at a page: every extra index is paid by every logged activity (docs/benchmarks.md).
  (t) => [index("audit_log_record").on(t.recordType, t.recordId, t.id)],
);

export const promises = sqliteTable("promises", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  areaId: integer("area_id")
    .notNull()
    .references(() => areas.id),
  startDate: text("start_date").notNull(),
  endDate: text("end_date").notNull(),
  summary: text("summary"),
  contact: text("contact"),
  status: text("status", { enum: ["draft", "published", "archived"] })
    .notNull()
    .default("draft"),
  /** An invented example promise (demo), not a real one. */
  isExample: integer("is_example", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
  /** The promise this one renews (issue 7, "Förnya löftet"), or null. */
  predecessorId: integer("predecessor_id").references((): AnySQLiteColumn => promises.id),
});

export const themes = sqliteTable(
  "themes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    promiseId: integer("promise_id")
      .notNull()
      .references(() => promises.id),
    name: text("name").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [uniqueIndex("themes_promise_name").on(t.promiseId, t.name)],
);

export const activityTypes = sqliteTable("activity_types", {
  code: text("code").primaryKey(),
  label: text("label").notNull(),
  /** Set when archived (issue 7): existing commitments keep the type, new ones may not have it. */
  archivedAt: text("archived_at"),
});

export const commitments = sqliteTable(
  "commitments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    promiseId: integer("promise_id")
      .notNull()
      .references(() => promises.id),
    position: integer("position").notNull().default(0),
    title: text("title").notNull(),
    description: text("description"),
    themeId: integer("theme_id").references(() => themes.id),
    activityType: text("activity_type")
      .notNull()
      .references(() => activityTypes.code),
    unit: text("unit").notNull().default("tillfällen"),
    /** Positive integer per window of the cadence, or null: no numeric goal. */
    target: integer("target"),
    cadence: text("cadence", { enum: ["period", "year", "term", "month"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("commitments_promise").on(t.promiseId, t.position)],
);

export const commitmentOrganisations = sqliteTable(
  "commitment_organisations",
  {
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    organisationId: integer("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.organisationId] })],
);

export const activities = sqliteTable(
  "activities",
  {
    // Activities are never deleted, so a plain rowid key never reuses an id (no AUTOINCREMENT cost).
    id: integer("id").primaryKey(),
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    /** As the client sent it: a local date or an ISO 8601 timestamp with offset. */
    occurredAt: text("occurred_at").notNull(),
    /** The Europe/Stockholm date of occurredAt, fixed when the row is written. */
    localDate: text("local_date").notNull(),
    quantity: integer("quantity").notNull().default(1),
    organisationId: integer("organisation_id").references(() => organisations.id),
    place: text("place"),
    note: text("note"),
    /** The name of who logged it, as it was then (the audit trail holds the user id too). */
    loggedBy: text("logged_by").notNull(),
    loggedByUserId: integer("logged_by_user_id").references((): AnySQLiteColumn => users.id),
    /**
     * Set when the activity came in a batch: the batch's one `activity.import` audit row. Single
     * activities get an audit row of their own from the insert trigger instead.
     */
    auditId: integer("audit_id").references((): AnySQLiteColumn => auditLog.id),
    /**
     * Set when this activity corrects another (void + a new one, in one transaction): the voided
     * original. An activity is corrected at most once, so "replaced by" is the one row pointing here.
     */
    replacesId: integer("replaces_id").references((): AnySQLiteColumn => activities.id),
    createdAt: createdAt(),
    isDemo: integer("is_demo", { mode: "boolean" }).notNull().default(false),
    voidedAt: text("voided_at"),
    voidedBy: text("voided_by"),
    voidReason: text("void_reason"),
  },
  (t) => [
    index("activities_commitment_date").on(t.commitmentId, t.localDate, t.id),
    index("activities_date").on(t.localDate, t.id),
    // Partial: only corrections are in it, so logging and importing pay nothing for it.
    uniqueIndex("activities_replaces").on(t.replacesId).where(sql`${t.replacesId} IS NOT NULL`),
  ],
);

/**
 * Per-commitment daily totals of non-voided activities, kept by triggers on `activities` in the
 * same transaction as every insert and void (see the custom migration), so progress reads
 * O(days × commitments) rows instead of every activity.
 */
export const commitmentDailyTotals = sqliteTable(
  "commitment_daily_totals",
  {
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    localDate: text("local_date").notNull(),
    quantity: integer("quantity").notNull(),
    activityCount: integer("activity_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.commitmentId, t.localDate] })],
);

export const updates = sqliteTable(
  "updates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    commitmentId: integer("commitment_id")
      .notNull()
      .references(() => commitments.id),
    date: text("date").notNull(),
    text: text("text").notNull(),
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by").notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("updates_commitment_date").on(t.commitmentId, t.date)],
);

/**
 * A snapshot for a medborgardialog (issue 6): a published promise's public figures frozen as of a
 * date, under a title, readable by anybody at `/s/<slug>` forever after, whatever is logged,
 * voided or corrected later. `body` is the PublicProgress JSON as it was served then; the slug is
 * random and unguessable (the public cannot list snapshots).
 */
export const promiseSnapshots = sqliteTable(
  "promise_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull().unique(),
    promiseId: integer("promise_id")
      .notNull()
      .references(() => promises.id),
    title: text("title").notNull(),
    asOf: text("as_of").notNull(),
    /** The PublicProgress JSON of the promise as of `as_of`, without its `snapshot` field. */
    body: text("body").notNull(),
    createdAt: createdAt(),
    createdByUserId: integer("created_by_user_id").references(() => users.id),
  },
  (t) => [index("promise_snapshots_promise").on(t.promiseId, t.id)],
);

export const terms = sqliteTable("terms", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  startDate: text("start_date").notNull(),
  endDate: text("end_date").notNull(),
});

/** Responses of requests sent with an Idempotency-Key, so that a retry gets the first answer. */
export const idempotencyKeys = sqliteTable("idempotency_keys", {
  key: text("key").primaryKey(),
  route: text("route").notNull(),
  requestHash: text("request_hash").notNull(),
  statusCode: integer("status_code").notNull(),
  responseBody: text("response_body").notNull(),
  createdAt: createdAt(),
});

/** Which bundled data sets (real promises, demo activities) were loaded, so a restart adds nothing twice. */
export const seedRuns = sqliteTable("seed_runs", {
  name: text("name").primaryKey(),
  createdAt: createdAt(),
});
