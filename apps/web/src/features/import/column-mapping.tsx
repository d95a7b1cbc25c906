import type { SuggestedImportMapping } from "@lofteskollen/contracts";
import { IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS } from "@lofteskollen/domain";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ImportField } from "./import-model";

const required = new Set<ImportField>(REQUIRED_IMPORT_FIELDS);

type Props = {
  headers: readonly string[];
  mapping: SuggestedImportMapping;
  onChange: (mapping: SuggestedImportMapping) => void;
};

/** One select per field: which of the file's columns holds it. Required fields first. */
export function ColumnMapping({ headers, mapping, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="mapping">
      <legend>{t("import.mapping.legend")}</legend>
      <p className="field__hint">{t("import.mapping.hint")}</p>
      <div className="mapping__fields">
        {IMPORT_FIELDS.map((field) => {
          const hint = t(`import.mapping.hints.${field}`, { defaultValue: "" });
          return (
            <div className="field" key={field}>
              <label htmlFor={`${id}-${field}`}>
                {t(`import.fields.${field}`)}
                {required.has(field) && <span className="field__required"> {t("import.mapping.required")}</span>}
              </label>
              <select
                id={`${id}-${field}`}
                value={mapping[field] ?? ""}
                aria-describedby={hint ? `${id}-${field}-hint` : undefined}
                onChange={(event) => {
                  const next = { ...mapping };
                  if (event.target.value) next[field] = event.target.value;
                  else delete next[field];
                  onChange(next);
                }}
              >
                <option value="">{required.has(field) ? t("import.mapping.choose") : t("import.mapping.none")}</option>
                {headers.map((header, index) => (
                  <option key={`${index}-${header}`} value={header} disabled={header.trim() === ""}>
                    {header.trim() === "" ? t("import.mapping.unnamed", { column: index + 1 }) : header}
                  </option>
                ))}
              </select>
              {hint && (
                <p id={`${id}-${field}-hint`} className="field__hint">
                  {hint}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
