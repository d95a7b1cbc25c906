#!/usr/bin/env node
// Writes the audit triggers (drizzle/0003_audit-triggers.sql) from the tables as the migrations
// before it define them: `node scripts/generate-audit-triggers.mjs 0000_initial 0001_rollup-triggers 0002_auth > drizzle/0003_audit-triggers.sql`.
// A later migration that adds a column to an audited table drops and recreates that table's
// triggers with this script's output for it: `--only TABLE` writes just that table's triggers,
// each preceded by its DROP, e.g. (0005, after 0004 added activities.replaces_id):
// `node scripts/generate-audit-triggers.mjs --only activities 0000_initial 0001_rollup-triggers 0002_auth 0003_audit-triggers 0004_activity-corrections`.
// The output for the migrations before 0003 is unchanged by the later additions (a spec only
// uses a column once the migrations given have created it), so 0003 can still be regenerated.
//
// `--dialect postgres` writes PostgreSQL's drizzle-pg/0001_triggers.sql instead (decision 012), the
// whole file: audit_context(), the same audit triggers from the same specs (one trigger function
// per table, json_build_object(…)::text, booleans as 0/1 and `IS DISTINCT FROM` for SQLite's
// `IS NOT`, so every audit row has the content SQLite's triggers give it), and the rollup,
// immutability and append-only triggers in PL/pgSQL. The columns are those of drizzle-kit's
// snapshot of the drizzle-pg migration given, e.g.
// `node scripts/generate-audit-triggers.mjs --dialect postgres 0000_initial > drizzle-pg/0001_triggers.sql`.
// With `--only TABLE` it writes just that table's audit trigger function (CREATE OR REPLACE) and
// triggers, each trigger preceded by its DROP, for a later migration that adds or changes an
// audited table, e.g. (drizzle-pg/0003, after 0002 added promise_snapshots):
// `node scripts/generate-audit-triggers.mjs --dialect postgres --only promise_snapshots 0002_public-snapshots`.
//
// A spec whose table the migrations given have not created yet is left out: the output for the
// earlier migrations is unchanged by a table added later.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const only = option("--only");
const dialect = option("--dialect") ?? "sqlite";
if (dialect !== "sqlite" && dialect !== "postgres") throw new Error(`--dialect is sqlite or postgres, not ${dialect}`);
const pg = dialect === "postgres";

/** The columns of a table, in order: `boolean` is true for PostgreSQL's boolean columns (0/1 in the trail). */
let columnsOf;
/** Whether the migrations given have created the table. */
let exists;
if (pg) {
  // drizzle-kit's snapshot of the migration given: the tables as drizzle-pg's migrations up to it make them.
  if (args.length !== 1) throw new Error("--dialect postgres takes one drizzle-pg migration, e.g. 0000_initial");
  const [tag] = args;
  const journal = JSON.parse(readFileSync("drizzle-pg/meta/_journal.json", "utf8"));
  const entry = journal.entries.find((e) => e.tag === tag);
  if (!entry) throw new Error(`drizzle-pg/meta/_journal.json has no migration ${tag}`);
  const snapshot = JSON.parse(readFileSync(`drizzle-pg/meta/${String(entry.idx).padStart(4, "0")}_snapshot.json`, "utf8"));
  columnsOf = (t) => {
    const table = snapshot.tables[`public.${t}`];
    if (!table) throw new Error(`${tag} has no table ${t}`);
    return Object.values(table.columns).map((c) => ({ name: c.name, boolean: c.type === "boolean" }));
  };
  exists = (t) => snapshot.tables[`public.${t}`] !== undefined;
} else {
  const db = new Database(":memory:");
  for (const f of args) {
    for (const stmt of readFileSync(`drizzle/${f}.sql`, "utf8").split("--> statement-breakpoint")) if (stmt.trim()) db.exec(stmt);
  }
  columnsOf = (t) => db.prepare(`PRAGMA table_info(${t})`).all().map((c) => ({ name: c.name, boolean: false }));
  exists = (t) => db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t) !== undefined;
}
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const cols = (t, skip = []) => columnsOf(t).map((c) => c.name).filter((c) => !skip.includes(c));
const has = (t, column) => cols(t).includes(column);
// The dialects' spellings. SQLite stores booleans as 0/1 and its json_object writes them so: on
// PostgreSQL they are cast, so that the trail's JSON is the same on both.
const distinct = (a, b) => (pg ? `${a} IS DISTINCT FROM ${b}` : `${a} IS NOT ${b}`);
const asInt = (expression) => (pg ? `(${expression})::int` : expression);
const value = (t, row, n) => (pg && columnsOf(t).find((c) => c.name === n)?.boolean ? `${row}.${n}::int` : `${row}.${n}`);
const obj = (t, row, names, extra = "") =>
  pg
    ? `json_build_object(${names.map((n) => `'${camel(n)}', ${value(t, row, n)}`).join(", ")}${extra})::text`
    : `json_object(${names.map((n) => `'${camel(n)}', ${row}.${n}`).join(", ")}${extra})`;
const ctx = `audit_context('at'), audit_context('user_id')${pg ? "::int" : ""}, audit_context('actor'), audit_context('address')`;
const recordId = (row, id) => (pg ? `${row}.${id}::text` : `${row}.${id}`);
const ins = (values, indent = "  ") =>
  `${indent}INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)\n${indent}VALUES (${ctx}, ${values});`;
const out = [];
const trig = (name, when, table, body, cond = "") => {
  if (only && table !== only) return;
  if (only) out.push(`DROP TRIGGER IF EXISTS ${name};`);
  out.push(`CREATE TRIGGER ${name} ${when} ON ${table}${cond ? `\nWHEN ${cond}` : ""}\nBEGIN\n${body}\nEND;`);
};
const allSpecs = [
  { table: "areas", type: "area", id: "id" },
  { table: "organisations", type: "organisation", id: "id" },
  {
    table: "users",
    type: "user",
    id: "id",
    skip: ["password_hash"],
    updateExtra: `, 'passwordChanged', ${asInt(distinct("OLD.password_hash", "NEW.password_hash"))}`,
    updateAction:
      "CASE WHEN OLD.disabled_at IS NULL AND NEW.disabled_at IS NOT NULL THEN 'user.disable' WHEN OLD.disabled_at IS NOT NULL AND NEW.disabled_at IS NULL THEN 'user.enable' ELSE 'user.update' END",
  },
  { table: "user_organisations", type: "user", id: "user_id", link: "organisation" },
  { table: "promises", type: "promise", id: "id" },
  { table: "themes", type: "promise", id: "promise_id", prefix: "promise.theme" },
  { table: "activity_types", type: "activity_type", id: "code" },
  { table: "commitments", type: "commitment", id: "id" },
  { table: "commitment_organisations", type: "commitment", id: "commitment_id", link: "organisation" },
  {
    table: "activities",
    type: "activity",
    id: "id",
    // An activity is never edited or deleted (0001): the row itself is the full "after" of its
    // creation; the audit row keeps what it counted for. Every logged activity pays for this copy.
    insertColumns: ["commitment_id", "local_date", "quantity", "organisation_id", ...(has("activities", "replaces_id") ? ["replaces_id"] : [])],
    // A correction (0004) is a void of the original and a new activity that names it: its audit
    // row says so, and its `after.replacesId` links the two.
    insertAction: has("activities", "replaces_id")
      ? "CASE WHEN NEW.replaces_id IS NOT NULL THEN 'activity.correct' ELSE 'activity.create' END"
      : undefined,
    // A batch import writes one `activity.import` audit row and links each of its activities to
    // it (audit_id): one audit row per import instead of one per row (docs/benchmarks.md).
    insertWhen: "NEW.audit_id IS NULL",
    updateAction: "CASE WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL THEN 'activity.void' ELSE 'activity.update' END",
  },
  { table: "updates", type: "update", id: "id" },
  { table: "terms", type: "term", id: "id" },
  {
    table: "api_tokens",
    type: "token",
    id: "id",
    skip: ["token_hash", "last_used_at"],
    // Using a token refreshes last_used_at: not a change anyone needs in the trail.
    updateWhen: [distinct("OLD.revoked_at", "NEW.revoked_at"), distinct("OLD.name", "NEW.name"), distinct("OLD.user_id", "NEW.user_id")].join(" OR "),
    updateAction: "CASE WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN 'token.revoke' ELSE 'token.update' END",
  },
  // Snapshots for a medborgardialog (issue 6): in the promise's history, as its themes are. The
  // body (the frozen public figures, tens of kB) is not copied: the row itself keeps it.
  { table: "promise_snapshots", type: "promise", id: "promise_id", prefix: "promise.snapshot", skip: ["body"] },
];
const specs = allSpecs.filter((s) => exists(s.table));
if (only && !specs.some((s) => s.table === only)) throw new Error(`--only ${only}: no such audited table in the migrations given`);

/** Each spec's three audit rows, as `[event, action, id row, before, after]`. */
function auditRows(s) {
  const names = cols(s.table, s.skip);
  const prefix = s.prefix ?? (s.link ? `${s.type}.${s.link}` : s.type);
  const [c, u, d] = s.link ? ["add", "update", "remove"] : ["create", "update", "delete"];
  return {
    insert: `${s.insertAction ?? `'${prefix}.${c}'`}, '${s.type}', ${recordId("NEW", s.id)}, NULL, ${obj(s.table, "NEW", s.insertColumns ?? names)}`,
    update: `${s.updateAction ?? `'${prefix}.${u}'`}, '${s.type}', ${recordId("NEW", s.id)}, ${obj(s.table, "OLD", names)}, ${obj(s.table, "NEW", names, s.updateExtra ?? "")}`,
    delete: `'${prefix}.${d}', '${s.type}', ${recordId("OLD", s.id)}, ${obj(s.table, "OLD", names)}, NULL`,
  };
}

if (pg) {
  writePostgres();
} else {
  if (!only) out.push(`-- The audit trail (issue 3): every write to these tables appends a row to audit_log in the same
-- statement, so a change without its audit row cannot happen. Who, from where and when come from
-- audit_context(), a function the API registers on its connection (src/db/audit-context.ts); it
-- fails when nobody has said who is writing, which makes an unattributed write fail too.
-- Generated by scripts/generate-audit-triggers.mjs; password and token hashes are left out.`);
  for (const s of specs) {
    const rows = auditRows(s);
    trig(`audit_${s.table}_insert`, "AFTER INSERT", s.table, ins(rows.insert), s.insertWhen);
    if (s.insertWhen) {
      // The rows the trigger above skips must still be written by someone who said who they are
      // (audit_context throws otherwise); the foreign key checks that their audit row exists.
      trig(`audit_${s.table}_insert_linked`, "BEFORE INSERT", s.table, "  SELECT audit_context('actor');", `NOT (${s.insertWhen})`);
    }
    trig(`audit_${s.table}_update`, "AFTER UPDATE", s.table, ins(rows.update), s.updateWhen);
    trig(`audit_${s.table}_delete`, "AFTER DELETE", s.table, ins(rows.delete));
  }
  if (!only) trig("audit_log_no_update", "BEFORE UPDATE", "audit_log", "  SELECT RAISE(ABORT, 'the audit trail is append-only: rows are never changed');");
  if (!only) trig("audit_log_no_delete", "BEFORE DELETE", "audit_log", "  SELECT RAISE(ABORT, 'the audit trail is append-only: rows are never deleted');");
  // The header comment belongs to the first statement: a chunk of only comments is not a statement.
  console.log(out.join("\n--> statement-breakpoint\n").replace("left out.\n--> statement-breakpoint\n", "left out.\n"));
}

/** PostgreSQL's drizzle-pg/0001_triggers.sql, whole. Each chunk between breakpoints is one statement. */
function writePostgres() {
  const fn = (name, body, returns = "trigger", extra = "") =>
    `CREATE${only ? " OR REPLACE" : ""} FUNCTION ${name} RETURNS ${returns} LANGUAGE plpgsql${extra} AS $$\nBEGIN\n${body}\nEND\n$$;`;
  if (only) {
    writePostgresAudit(fn, specs.filter((s) => s.table === only));
    console.log(out.join("\n--> statement-breakpoint\n"));
    return;
  }
  const refuse = (message) => `EXECUTE FUNCTION refuse_change('${message}')`;
  const VOIDED = "a voided activity stays voided";
  const NOT_EDITED = "activities are not edited: void and log a new one";
  const NOT_DELETED = "activities are never deleted: void instead";
  const REPLACES_FIXED = "activities are not edited: which activity a correction replaces is fixed";
  const NEVER_CHANGED = "the audit trail is append-only: rows are never changed";
  const NEVER_DELETED = "the audit trail is append-only: rows are never deleted";
  const missing = readFileSync(new URL("../src/db/audit-context.ts", import.meta.url), "utf8").match(/super\("(Write refused: no audit context\.[^"]*)"\)/)?.[1];
  if (!missing) throw new Error("src/db/audit-context.ts: MissingAuditContextError's message not found");

  out.push(`-- PostgreSQL's triggers (decision 012), the same rules as SQLite's drizzle/0001_rollup-triggers.sql,
-- 0003_audit-triggers.sql and 0005_activity-audit-triggers.sql, with the same audit rows (JSON
-- text with the same keys, booleans as 0/1) and the same error messages.
-- Generated by \`node scripts/generate-audit-triggers.mjs --dialect postgres 0000_initial\`: edit the script, not this file.
--
-- Who, from where and when: the settings lofteskollen.at, .user_id, .actor and .address, which the
-- app sets with set_config(…, true) (transaction-local) for every write. Without an actor every
-- audited write fails, with MissingAuditContextError's message (src/db/audit-context.ts) and
-- SQLSTATE LKA01. '' (what a setting reads after the transaction that set it) counts as unset.
${fn(
  "audit_context(key text)",
  `  IF coalesce(current_setting('lofteskollen.actor', true), '') = '' THEN
    RAISE EXCEPTION '${missing}' USING ERRCODE = 'LKA01';
  END IF;
  IF key NOT IN ('at', 'user_id', 'actor', 'address') THEN
    RAISE EXCEPTION 'audit_context: unknown key %', key;
  END IF;
  RETURN nullif(current_setting('lofteskollen.' || key, true), '');`,
  "text",
  " STABLE",
)}`);
  out.push(`-- Refuses the change that fired it, with the trigger's argument as the message (SQLite's RAISE(ABORT, …)).
${fn("refuse_change()", "  RAISE EXCEPTION '%', TG_ARGV[0];")}`);
  out.push(`-- The daily totals are updated in place, by their key only: room on each page keeps the updates HOT.
ALTER TABLE commitment_daily_totals SET (fillfactor = 90);`);
  out.push(`-- Daily totals per commitment, kept in the same transaction as every insert and void of an
-- activity (as drizzle/0001_rollup-triggers.sql). Per statement, from the transition table: an
-- import of 10 000 rows is one upsert of its (commitment, day) groups, not 10 000. Groups in key
-- order, so that two writers lock the totals in the same order.
${fn(
  "activities_rollup_insert()",
  `  INSERT INTO commitment_daily_totals AS t (commitment_id, local_date, quantity, activity_count)
  SELECT commitment_id, local_date, sum(quantity), count(*)
  FROM inserted
  WHERE voided_at IS NULL
  GROUP BY commitment_id, local_date
  ORDER BY commitment_id, local_date
  ON CONFLICT (commitment_id, local_date) DO UPDATE SET
    quantity = t.quantity + excluded.quantity,
    activity_count = t.activity_count + excluded.activity_count;
  RETURN NULL;`,
)}`);
  out.push(`CREATE TRIGGER activities_rollup_insert AFTER INSERT ON activities
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION activities_rollup_insert();`);
  out.push(`-- A void (voided_at NULL → set) takes the activity out of its day. PostgreSQL refuses transition
-- tables on a trigger with a column list, so this runs after every UPDATE and joins old to new.
${fn(
  "activities_rollup_void()",
  `  UPDATE commitment_daily_totals AS t
  SET quantity = t.quantity - v.quantity, activity_count = t.activity_count - v.activity_count
  FROM (
    SELECT o.commitment_id, o.local_date, sum(o.quantity) AS quantity, count(*) AS activity_count
    FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
    WHERE o.voided_at IS NULL AND n.voided_at IS NOT NULL
    GROUP BY o.commitment_id, o.local_date
  ) AS v
  WHERE t.commitment_id = v.commitment_id AND t.local_date = v.local_date;
  RETURN NULL;`,
)}`);
  out.push(`CREATE TRIGGER activities_rollup_void AFTER UPDATE ON activities
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION activities_rollup_void();`);
  out.push(`-- Activities are never edited and never deleted: a mistake is voided (and corrected by a new one).
CREATE TRIGGER activities_no_unvoid BEFORE UPDATE OF voided_at ON activities
FOR EACH ROW WHEN (OLD.voided_at IS NOT NULL) ${refuse(VOIDED)};`);
  out.push(`CREATE TRIGGER activities_immutable BEFORE UPDATE OF commitment_id, occurred_at, local_date, quantity, is_demo ON activities
FOR EACH ROW ${refuse(NOT_EDITED)};`);
  out.push(`CREATE TRIGGER activities_replaces_fixed BEFORE UPDATE OF replaces_id ON activities
FOR EACH ROW ${refuse(REPLACES_FIXED)};`);
  out.push(`CREATE TRIGGER activities_never_deleted BEFORE DELETE ON activities
FOR EACH ROW ${refuse(NOT_DELETED)};`);
  out.push(`-- TRUNCATE fires no row trigger: refused on its own (SQLite has no TRUNCATE).
CREATE TRIGGER activities_never_truncated BEFORE TRUNCATE ON activities
FOR EACH STATEMENT ${refuse(NOT_DELETED)};`);

  writePostgresAudit(fn, specs);
  out.push(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW ${refuse(NEVER_CHANGED)};`);
  out.push(`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
FOR EACH ROW ${refuse(NEVER_DELETED)};`);
  out.push(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT ${refuse(NEVER_DELETED)};`);
  console.log(out.join("\n--> statement-breakpoint\n"));
}

/** The audit trigger functions and triggers of the given specs, into `out`. With --only, each trigger after its DROP. */
function writePostgresAudit(fn, specs) {
  let first = !only;
  for (const s of specs) {
    const rows = auditRows(s);
    const indented = (values) => ins(values, "    ");
    const header = first
      ? `-- The audit trail (issue 3): every write to these tables appends a row to audit_log in the same
-- statement, so a change without its audit row cannot happen. One trigger function per table;
-- password and token hashes are left out.\n`
      : "";
    first = false;
    out.push(
      `${header}${fn(
        `audit_${s.table}()`,
        `  IF TG_OP = 'INSERT' THEN
${indented(rows.insert)}
  ELSIF TG_OP = 'UPDATE' THEN
${indented(rows.update)}
  ELSE
${indented(rows.delete)}
  END IF;
  RETURN NULL;`,
      )}`,
    );
    const drop = (name) => (only ? `DROP TRIGGER IF EXISTS ${name} ON ${s.table};\n--> statement-breakpoint\n` : "");
    const row = (event, cond) => `${drop(`audit_${s.table}_${event}`)}CREATE TRIGGER audit_${s.table}_${event} AFTER ${event.toUpperCase()} ON ${s.table}
FOR EACH ROW${cond ? ` WHEN (${cond})` : ""} EXECUTE FUNCTION audit_${s.table}();`;
    out.push(row("insert", s.insertWhen));
    if (s.insertWhen) {
      // The rows the trigger above skips must still be written by someone who said who they are;
      // the foreign key checks that their audit row exists. Once per statement: an import's rows
      // call no function each.
      const linked = `audit_${s.table}_insert_linked`;
      out.push(
        fn(
          `${linked}()`,
          `  IF EXISTS (SELECT 1 FROM inserted WHERE NOT (${s.insertWhen.replaceAll("NEW.", "inserted.")})) THEN
    PERFORM audit_context('actor');
  END IF;
  RETURN NULL;`,
        ),
      );
      out.push(`${drop(linked)}CREATE TRIGGER ${linked} AFTER INSERT ON ${s.table}
REFERENCING NEW TABLE AS inserted
FOR EACH STATEMENT EXECUTE FUNCTION ${linked}();`);
    }
    out.push(row("update", s.updateWhen));
    out.push(row("delete"));
  }
}
