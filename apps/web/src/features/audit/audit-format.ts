import type { Translate } from "../progress/format";

/**
 * An action in words: the i18n key `audit.action.<record>.<verb>` ("activity.void" →
 * "Aktivitet makulerad"); an action without one is shown as its code, never hidden.
 */
export function auditActionLabel(action: string, t: Translate): string {
  if (!/^[a-z_]+(\.[a-z_]+){1,2}$/.test(action)) return action;
  return t(`audit.action.${action}`, { defaultValue: action });
}

const SYSTEM_ACTORS = new Set(["anonymous", "cli", "seed", "migration"]);

/**
 * Who acted, in words: "user:3" → "Anna Admin (användare 3)" when the name is known, else
 * "Användare 3"; "user:3/token:7" adds "… med API-nyckel 7".
 */
export function auditActorLabel(actor: string, t: Translate, name?: string | null): string {
  const user = /^user:(\d+)(?:\/token:(\d+))?$/.exec(actor);
  if (user) {
    const [, id, tokenId] = user;
    if (name) return tokenId ? t("audit.actor.namedUserToken", { name, id, tokenId }) : t("audit.actor.namedUser", { name, id });
    return tokenId ? t("audit.actor.userToken", { id, tokenId }) : t("audit.actor.user", { id });
  }
  if (SYSTEM_ACTORS.has(actor)) return t(`audit.actor.${actor}`);
  return actor;
}

/** The record an event concerns ("Aktivitet 42"), or null when it concerns none. */
export function auditRecordLabel(recordType: string | null, recordId: string | null, t: Translate): string | null {
  if (recordType === null) return recordId;
  const type = /^[a-z_]+$/.test(recordType) ? t(`audit.recordType.${recordType}`, { defaultValue: recordType }) : recordType;
  return recordId === null ? type : `${type} ${recordId}`;
}

/**
 * One field of a change: its value before and after (null: absent or empty). `set`: the record
 * was created with it; `removed`: the record went; `changed`: it went from `before` to `after`.
 */
export type AuditChange = { field: string; kind: "set" | "changed" | "removed"; before: string | null; after: string | null };

const MAX_VALUE_LENGTH = 120;

/** A stored value as short text: long texts cut with "…", objects as JSON. */
export function formatAuditValue(value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * What an event changed, field by field, in the order the fields were stored: every field of a
 * created record (no `before`), of a removed one (no `after`), only the differing fields of a
 * changed one. A value that is not an object is one field without a name.
 */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const kind = before === null ? "set" : after === null ? "removed" : "changed";
  if ((before !== null && !isRecord(before)) || (after !== null && !isRecord(after))) {
    const change = { field: "", kind, before: formatAuditValue(before), after: formatAuditValue(after) } as const;
    return change.before === change.after ? [] : [change];
  }
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields.flatMap((field) => {
    const was = before?.[field];
    const is = after?.[field];
    if (kind === "changed" && JSON.stringify(was) === JSON.stringify(is)) return [];
    return [{ field, kind, before: formatAuditValue(was), after: formatAuditValue(is) }];
  });
}
