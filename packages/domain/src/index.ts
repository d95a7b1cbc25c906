export type { LocalDate } from "./calendar/local-date";
export {
  PRODUCT_TIME_ZONE,
  addDays,
  compareLocalDates,
  datePartsOf,
  dayNumberOf,
  daysInMonth,
  daysInYear,
  daysInclusive,
  fromDayNumber,
  isLeapYear,
  isLocalDate,
  localDateOfInstant,
  localDateOfOccurredAt,
  maxDate,
  minDate,
  parseInstant,
  startOfLocalDay,
  stockholmTimestamp,
  toDayNumber,
  todayInStockholm,
} from "./calendar/local-date";

export type {
  Cadence,
  CommitmentProgress,
  CommitmentProgressInput,
  DailyTotal,
  Period,
  ProgressWindow,
  Status,
  Term,
} from "./progress/types";
export { CADENCES, STATUSES } from "./progress/types";
export type { CadenceWindow } from "./progress/windows";
export { splitPeriodIntoWindows } from "./progress/windows";
export type { WindowStatusInput } from "./progress/status";
export { AT_RISK_SHARE, STATUS_RANK, windowStatus } from "./progress/status";
export { computeCommitmentProgress, dailyTotalsFromActivities } from "./progress/compute-progress";
export { wholePeriodWindow } from "./progress/whole-period";
export type { StatusTone } from "./progress/display";
export { displayWindow, roundTargetUp, roundUpToTenth, STATUS_LABELS_SV, STATUS_LOOK, STATUS_ORDER } from "./progress/display";

export { containsPersonalIdentityNumber, findPersonalIdentityNumbers } from "./privacy/personal-identity-number";

export type { ActivityRuleInput, RuleViolation } from "./rules/activity-rules";
export {
  FUTURE_TOLERANCE_MS,
  QUANTITY_RANGE,
  activityRuleViolations,
  personalDataViolations,
} from "./rules/activity-rules";

export type { AuditRecordType, Grantee, Permission, Role, Scope } from "./access/permissions";
export { AUDIT_RECORD_TYPES, PERMISSIONS, ROLES, ROLE_LABELS_SV, can, ownOrganisations, permissionScope } from "./access/permissions";

export type { CellReading, ImportDate, SpreadsheetCell } from "./import/spreadsheet-values";
export { cellText, cellTextOrNull, readImportDate, readImportQuantity } from "./import/spreadsheet-values";
export type { ImportField, ImportMapping } from "./import/column-mapping";
export {
  IMPORT_FIELD_LABELS_SV,
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  completeMapping,
  normaliseHeader,
  suggestImportMapping,
} from "./import/column-mapping";
export type { ActivityFingerprintInput } from "./import/duplicates";
export { activityFingerprint, matchDuplicates } from "./import/duplicates";
