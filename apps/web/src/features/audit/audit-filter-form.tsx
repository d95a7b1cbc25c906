import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AUDIT_RECORD_TYPE_OPTIONS, type AuditFilters, auditFiltersFromSearchParams, hasAuditFilters } from "./audit-filters";

type AuditFilterFormProps = {
  /** The filters in the address, shown as the form's starting values. */
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
};

/** The filters of the audit trail; applied to the address when sent. */
export function AuditFilterForm({ filters, onChange }: AuditFilterFormProps) {
  const { t } = useTranslation();

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const params = new URLSearchParams();
    for (const [key, value] of form) if (typeof value === "string") params.set(key, value);
    onChange(auditFiltersFromSearchParams(params));
  };

  return (
    <form className="filters" onSubmit={onSubmit} aria-label={t("audit.filters.legend")}>
      <div className="field">
        <label htmlFor="audit-record-type">{t("audit.filters.recordType")}</label>
        <select id="audit-record-type" name="recordType" defaultValue={filters.recordType ?? ""}>
          <option value="">{t("audit.filters.anyRecordType")}</option>
          {AUDIT_RECORD_TYPE_OPTIONS.map((type) => (
            <option key={type} value={type}>
              {t(`audit.recordType.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-record-id">{t("audit.filters.recordId")}</label>
        <input id="audit-record-id" name="recordId" type="text" maxLength={100} defaultValue={filters.recordId ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="audit-user-id">{t("audit.filters.userId")}</label>
        <input
          id="audit-user-id"
          name="userId"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          defaultValue={filters.userId ?? ""}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-from">{t("audit.filters.from")}</label>
        <input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ""} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">{t("audit.filters.to")}</label>
        <input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ""} />
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          {t("audit.filters.apply")}
        </button>
        {hasAuditFilters(filters) && (
          <button type="button" className="button button--secondary" onClick={() => onChange({})}>
            {t("audit.filters.clear")}
          </button>
        )}
      </div>
    </form>
  );
}
