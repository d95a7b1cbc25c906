/**
 * Who may do what (issue 3). One table, used by the API to refuse and by the web app to hide
 * what a role may not use, so the two never disagree.
 */
export const ROLES = ["admin", "manager", "coordinator", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "activity.log",
  "activity.void",
  "update.write",
  "promise.write",
  "term.write",
  "user.manage",
  "audit.read",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** `all`: on any record; `own`: only on records of the user's own organisations; `none`. */
export type Scope = "all" | "own" | "none";

const GRANTS: Record<Role, Record<Permission, Scope>> = {
  admin: {
    "activity.log": "all",
    "activity.void": "all",
    "update.write": "all",
    "promise.write": "all",
    "term.write": "all",
    "user.manage": "all",
    "audit.read": "all",
  },
  manager: {
    "activity.log": "none",
    "activity.void": "all",
    "update.write": "all",
    "promise.write": "all",
    "term.write": "none",
    "user.manage": "none",
    "audit.read": "none",
  },
  coordinator: {
    "activity.log": "own",
    "activity.void": "own",
    "update.write": "own",
    "promise.write": "none",
    "term.write": "none",
    "user.manage": "none",
    "audit.read": "none",
  },
  viewer: {
    "activity.log": "none",
    "activity.void": "none",
    "update.write": "none",
    "promise.write": "none",
    "term.write": "none",
    "user.manage": "none",
    "audit.read": "none",
  },
};

export const ROLE_LABELS_SV: Record<Role, string> = {
  admin: "administratör",
  manager: "chef",
  coordinator: "samordnare",
  viewer: "läsare",
};

export function permissionScope(role: Role, permission: Permission): Scope {
  return GRANTS[role][permission];
}

export type Grantee = { role: Role; organisations: readonly string[] };

/**
 * May `user` do `permission`? Without `recordOrganisations`: on some record at all (to offer a
 * button). With them: on a record that these organisations are responsible for.
 */
export function can(user: Grantee, permission: Permission, recordOrganisations?: readonly string[]): boolean {
  const scope = permissionScope(user.role, permission);
  if (scope === "all") return true;
  if (scope === "none") return false;
  if (recordOrganisations === undefined) return user.organisations.length > 0;
  return recordOrganisations.some((name) => user.organisations.includes(name));
}

/** The organisations of a record that the user acts for: where a coordinator's activity may be logged. */
export function ownOrganisations(user: Grantee, recordOrganisations: readonly string[]): string[] {
  if (permissionScope(user.role, "activity.log") === "all") return [...recordOrganisations];
  return recordOrganisations.filter((name) => user.organisations.includes(name));
}

/** The kinds of record the audit trail speaks of (its `recordType`). */
export const AUDIT_RECORD_TYPES = [
  "activity",
  "promise",
  "commitment",
  "update",
  "user",
  "token",
  "session",
  "organisation",
  "area",
  "term",
  "activity_type",
] as const;
export type AuditRecordType = (typeof AUDIT_RECORD_TYPES)[number];
