import type { AuditEntry } from "@lofteskollen/contracts";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../app/date-time";
import { type AuditChange, auditActionLabel, auditActorLabel, auditChanges, auditRecordLabel } from "./audit-format";

/** Up to this many changed fields are shown at once; more fold into a summary. */
const INLINE_CHANGES = 3;

/** The events as a table; on a phone each row is a card with the column names beside the values. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const columns = {
    at: t("audit.columns.at"),
    actor: t("audit.columns.actor"),
    action: t("audit.columns.action"),
    record: t("audit.columns.record"),
    change: t("audit.columns.change"),
  };

  return (
    <table className="records audit-table" aria-label={t("audit.tableLabel")}>
      <thead>
        <tr>
          <th scope="col">{columns.at}</th>
          <th scope="col">{columns.actor}</th>
          <th scope="col">{columns.action}</th>
          <th scope="col">{columns.record}</th>
          <th scope="col">{columns.change}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            {/* One element per cell: on a phone the cell is a grid of its label and its value. */}
            <td data-label={columns.at}>
              <div>
                <time dateTime={entry.at}>{formatDateTime(entry.at, i18n.language, { seconds: true })}</time>
              </div>
            </td>
            <td data-label={columns.actor}>
              <div>
                {auditActorLabel(entry.actor, t, entry.userName)}
                {entry.address && <span className="records__aside">{t("audit.address", { address: entry.address })}</span>}
              </div>
            </td>
            <td data-label={columns.action}>
              <div>{auditActionLabel(entry.action, t)}</div>
            </td>
            <td data-label={columns.record}>
              <div>{auditRecordLabel(entry.recordType, entry.recordId, t) ?? t("audit.noRecord")}</div>
            </td>
            <td data-label={columns.change}>
              <div>
                <AuditChanges changes={auditChanges(entry.before, entry.after)} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AuditChanges({ changes }: { changes: readonly AuditChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <>{t("audit.noChange")}</>;
  const list = (
    <ul className="changes">
      {changes.map((change) => (
        <li key={change.field}>
          {change.field && <span className="changes__field">{change.field}:</span>}{" "}
          <AuditChangeValues change={change} />
        </li>
      ))}
    </ul>
  );
  if (changes.length <= INLINE_CHANGES) return list;
  return (
    <details className="changes__more">
      <summary>{t("audit.fieldsChanged", { count: changes.length })}</summary>
      {list}
    </details>
  );
}

/** A field's values, with words for a screen reader where the eye reads strike-through and arrow. */
function AuditChangeValues({ change }: { change: AuditChange }) {
  const { t } = useTranslation();
  const empty = <span className="changes__empty">{t("audit.emptyValue")}</span>;
  if (change.kind === "set") return change.after ?? empty;
  if (change.kind === "removed") {
    return (
      <>
        <span className="visually-hidden">{t("audit.removed")} </span>
        {change.before === null ? empty : <del>{change.before}</del>}
      </>
    );
  }
  return (
    <>
      <span className="visually-hidden">{t("audit.changedFrom")} </span>
      {change.before === null ? empty : <del>{change.before}</del>} <span aria-hidden="true">→</span>{" "}
      <span className="visually-hidden">{t("audit.changedTo")} </span>
      {change.after === null ? empty : <ins>{change.after}</ins>}
    </>
  );
}
