import type { ImportPreview, ImportRow } from "@lofteskollen/contracts";
import { useTranslation } from "react-i18next";
import { localeOf } from "../progress/format";
import { PREVIEW_ROWS_SHOWN, rowsToShow } from "./import-model";

const STATUS_ICON: Record<ImportRow["status"], string> = { ok: "✓", error: "✕", duplicate: "=" };
const STATUS_CLASS: Record<ImportRow["status"], string> = { ok: "status--good", error: "status--bad", duplicate: "status--neutral" };

/** The preview's counts in words, then its rows: those with problems first, each problem named. */
export function PreviewRows({ preview }: { preview: ImportPreview }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(localeOf(i18n.language));
  const shown = rowsToShow(preview.rows);
  const { ok, error, duplicate } = preview.counts;
  return (
    <section className="section" aria-labelledby="import-preview-heading">
      <h3 id="import-preview-heading">{t("import.preview.heading")}</h3>
      <ul className="import-counts" aria-label={t("import.preview.countsLabel")}>
        <li>
          <span className="status status--good">
            <span aria-hidden="true">{STATUS_ICON.ok} </span>
            {t("import.preview.ok", { count: ok, formatted: number.format(ok) })}
          </span>
        </li>
        <li>
          <span className={`status ${error > 0 ? "status--bad" : "status--neutral"}`}>
            <span aria-hidden="true">{STATUS_ICON.error} </span>
            {t("import.preview.error", { count: error, formatted: number.format(error) })}
          </span>
        </li>
        <li>
          <span className="status status--neutral">
            <span aria-hidden="true">{STATUS_ICON.duplicate} </span>
            {t("import.preview.duplicate", { count: duplicate, formatted: number.format(duplicate) })}
          </span>
        </li>
      </ul>
      {preview.rows.length > shown.length && (
        <p className="page__note">{t("import.preview.showing", { shown: PREVIEW_ROWS_SHOWN, total: number.format(preview.rows.length) })}</p>
      )}
      <div className="table-scroll">
        <table className="records import-rows">
          <caption className="visually-hidden">{t("import.preview.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.preview.row")}</th>
              <th scope="col">{t("import.preview.status")}</th>
              <th scope="col">{t("import.preview.activity")}</th>
              <th scope="col">{t("import.preview.problems")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.row} className={row.status === "ok" ? undefined : "records__row--muted"}>
                <td className="numeric" data-label={t("import.preview.row")}>
                  {row.row}
                </td>
                <td data-label={t("import.preview.status")}>
                  <span className={`status ${STATUS_CLASS[row.status]}`}>
                    <span aria-hidden="true">{STATUS_ICON[row.status]} </span>
                    {t(`import.status.${row.status}`)}
                  </span>
                </td>
                <td data-label={t("import.preview.activity")}>
                  <RowActivity row={row} />
                </td>
                <td data-label={t("import.preview.problems")} className={row.status === "ok" ? "import-rows__nothing" : undefined}>
                  {row.problems.length > 0 && (
                    <ul className="import-rows__problems">
                      {row.problems.map((problem) => (
                        <li key={`${problem.field}-${problem.code}`}>{problem.message}</li>
                      ))}
                    </ul>
                  )}
                  {row.status === "duplicate" && row.duplicateOf !== null && <span>{t("import.preview.duplicateOf", { id: row.duplicateOf })}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** What the row stands for: the activity as it would be stored, or the row's own cells when it has errors. */
function RowActivity({ row }: { row: ImportRow }) {
  const { t } = useTranslation();
  if (row.activity) {
    const { commitmentTitle, localDate, quantity, organisation, place } = row.activity;
    return (
      <span>
        <span className="import-rows__title">{commitmentTitle}</span>
        <span className="import-rows__meta">
          {[localDate, t("import.preview.quantity", { count: quantity }), organisation, place].filter(Boolean).join(" · ")}
        </span>
      </span>
    );
  }
  const values = row.values ?? {};
  return (
    <span className="import-rows__meta">
      {Object.entries(values)
        .filter(([, value]) => value !== "")
        .map(([field, value]) => `${t(`import.fields.${field}`, { defaultValue: field })}: ${value}`)
        .join(" · ") || t("import.preview.emptyRow")}
    </span>
  );
}
