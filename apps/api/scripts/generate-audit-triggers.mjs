#!/usr/bin/env node
// Writes the audit triggers (drizzle/0003_audit-triggers.sql) from the tables as the migrations
// before it define them: `node scripts/generate-audit-triggers.mjs 0000_initial 0001_rollup-triggers 0002_auth > drizzle/0003_audit-triggers.sql`.
// A later migration that adds a column to an audited table drops and recreates that table's
// triggers with this script's output for it: `--only TABLE` writes just that table's triggers,
// each preceded by its DROP, e.g. (0005, after 0004 added activities.replaces_id):
// `node scripts/generate-audit-triggers.mjs --only activities 0000_initial 0001_rollup-triggers 0002_auth 0003_audit-triggers 0004_activity-corrections`.
// The output for the migrations before 0003 is unchanged by the later additions (a spec only
// uses a column once the migrations given have created it), so 0003 can still be regenerated.
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";

const args = process.argv.slice(2);
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined;
const db = new Database(":memory:");
for (const f of args) {
  for (const stmt of readFileSync(`drizzle/${f}.sql`, "utf8").split("--> statement-breakpoint")) if (stmt.trim()) db.exec(stmt);
}
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const cols = (t, skip = []) => db.prepare(`PRAGMA table_info(${t})`).all().map((c) => c.name).filter((c) => !skip.includes(c));
const has = (t, column) => cols(t).includes(column);
const obj = (row, names, extra = "") => `json_object(${names.map((n) => `'${camel(n)}', ${row}.${n}`).join(", ")}${extra})`;
const ctx = `audit_context('at'), audit_context('user_id'), audit_context('actor'), audit_context('address')`;
const ins = (values) => `  INSERT INTO audit_log (at, user_id, actor, address, action, record_type, record_id, before, after)\n  VALUES (${ctx}, ${values});`;
const out = [];
const trig = (name, when, table, body, cond = "") => {
  if (only && table !== only) return;
  if (only) out.push(`DROP TRIGGER IF EXISTS ${name};`);
  out.push(`CREATE TRIGGER ${name} ${when} ON ${table}${cond ? `\nWHEN ${cond}` : ""}\nBEGIN\n${body}\nEND;`);
};
const specs = [
  { table: "areas", type: "area", id: "id" },
  { table: "organisations", type: "organisation", id: "id" },
  {
    table: "users",
    type: "user",
    id: "id",
    skip: ["password_hash"],
    updateExtra: ", 'passwordChanged', OLD.password_hash IS NOT NEW.password_hash",
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
    updateWhen: "OLD.revoked_at IS NOT NEW.revoked_at OR OLD.name IS NOT NEW.name OR OLD.user_id IS NOT NEW.user_id",
    updateAction: "CASE WHEN OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN 'token.revoke' ELSE 'token.update' END",
  },
];
if (!only) out.push(`-- The audit trail (issue 3): every write to these tables appends a row to audit_log in the same
-- statement, so a change without its audit row cannot happen. Who, from where and when come from
-- audit_context(), a function the API registers on its connection (src/db/audit-context.ts); it
-- fails when nobody has said who is writing, which makes an unattributed write fail too.
-- Generated by scripts/generate-audit-triggers.mjs; password and token hashes are left out.`);
for (const s of specs) {
  const names = cols(s.table, s.skip);
  const prefix = s.prefix ?? (s.link ? `${s.type}.${s.link}` : s.type);
  const [c, u, d] = s.link ? ["add", "update", "remove"] : ["create", "update", "delete"];
  trig(`audit_${s.table}_insert`, "AFTER INSERT", s.table, ins(`${s.insertAction ?? `'${prefix}.${c}'`}, '${s.type}', NEW.${s.id}, NULL, ${obj("NEW", s.insertColumns ?? names)}`), s.insertWhen);
  if (s.insertWhen) {
    // The rows the trigger above skips must still be written by someone who said who they are
    // (audit_context throws otherwise); the foreign key checks that their audit row exists.
    trig(`audit_${s.table}_insert_linked`, "BEFORE INSERT", s.table, "  SELECT audit_context('actor');", `NOT (${s.insertWhen})`);
  }
  trig(`audit_${s.table}_update`, "AFTER UPDATE", s.table,
    ins(`${s.updateAction ?? `'${prefix}.${u}'`}, '${s.type}', NEW.${s.id}, ${obj("OLD", names)}, ${obj("NEW", names, s.updateExtra ?? "")}`), s.updateWhen);
  trig(`audit_${s.table}_delete`, "AFTER DELETE", s.table, ins(`'${prefix}.${d}', '${s.type}', OLD.${s.id}, ${obj("OLD", names)}, NULL`));
}
if (!only) trig("audit_log_no_update", "BEFORE UPDATE", "audit_log", "  SELECT RAISE(ABORT, 'the audit trail is append-only: rows are never changed');");
if (!only) trig("audit_log_no_delete", "BEFORE DELETE", "audit_log", "  SELECT RAISE(ABORT, 'the audit trail is append-only: rows are never deleted');");
// The header comment belongs to the first statement: a chunk of only comments is not a statement.
console.log(out.join("\n--> statement-breakpoint\n").replace("left out.\n--> statement-breakpoint\n", "left out.\n"));
