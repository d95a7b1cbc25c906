import { AUDIT_RECORD_TYPES, type AuditRecordType, isLocalDate } from "@lofteskollen/domain";

export type { AuditRecordType };

/** The record types the audit trail can be filtered by. */
export const AUDIT_RECORD_TYPE_OPTIONS: readonly AuditRecordType[] = AUDIT_RECORD_TYPES;

/** What the audit trail is narrowed to: every field optional, each one a URL search param. */
export type AuditFilters = {
  recordType?: AuditRecordType;
  recordId?: string;
  userId?: string;
  from?: string;
  to?: string;
};

/** The order of the search params, in the page's address and in the API's. */
const FILTER_KEYS = ["recordType", "recordId", "userId", "from", "to"] as const satisfies readonly (keyof AuditFilters)[];

export const AUDIT_PAGE_SIZE = 50;

const isRecordType = (value: string): value is AuditRecordType => (AUDIT_RECORD_TYPES as readonly string[]).includes(value);

/**
 * The filters a value of the page's address asks for. What the API would refuse (an unknown
 * record type, a user id that is not a positive whole number, a date that is not a date) is
 * left out instead of failing the page: an address may be old or typed by hand.
 */
export function auditFiltersFromSearchParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  const recordType = params.get("recordType")?.trim();
  if (recordType && isRecordType(recordType)) filters.recordType = recordType;
  const recordId = params.get("recordId")?.trim();
  if (recordId && recordId.length <= 100) filters.recordId = recordId;
  const userId = params.get("userId")?.trim();
  if (userId && /^[1-9]\d{0,15}$/.test(userId)) filters.userId = userId;
  for (const key of ["from", "to"] as const) {
    const date = params.get(key)?.trim();
    if (date && isLocalDate(date)) filters[key] = date;
  }
  return filters;
}

/** The search params of `filters`, in a fixed order, empty ones left out. */
export function auditFiltersToSearchParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key]?.trim();
    if (value) params.set(key, value);
  }
  return params;
}

/** The API address of one page of the audit trail: the filters, a page size and where to go on. */
export function auditApiPath(filters: AuditFilters, cursor: string | null, limit = AUDIT_PAGE_SIZE): string {
  const params = auditFiltersToSearchParams(filters);
  params.set("limit", String(limit));
  if (cursor) params.set("cursor", cursor);
  return `/api/audit?${params}`;
}

export function hasAuditFilters(filters: AuditFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}
