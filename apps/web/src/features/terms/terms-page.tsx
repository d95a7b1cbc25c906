import { isLocalDate, todayInStockholm } from "@lofteskollen/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import type { Term, TermInput } from "../../api/endpoints";
import { api } from "../../api/endpoints";
import { QueryState } from "../../app/query-state";
import { apiProblemsOf } from "../promise-editor/api-problems";
import { progressQueries } from "../progress/queries";
import { termQueries } from "./queries";

/** What must be fixed in a term row before saving: i18n keys under `editor.problems`, by `terms.N.field`. */
export function termProblems(terms: readonly TermInput[]): Record<string, string> {
  const problems: Record<string, string> = {};
  terms.forEach((term, index) => {
    if (!term.name.trim()) problems[`terms.${index}.name`] = "termNameMissing";
    if (!isLocalDate(term.startDate)) problems[`terms.${index}.startDate`] = "dateMissing";
    if (!isLocalDate(term.endDate)) problems[`terms.${index}.endDate`] = "dateMissing";
    else if (isLocalDate(term.startDate) && term.endDate < term.startDate) problems[`terms.${index}.endDate`] = "endBeforeStart";
  });
  return problems;
}

/** `/terminskalender` (admins): the terms of a year, as entered or by the default rule; edit and save them. */
export function TermsPage() {
  const { t } = useTranslation();
  const id = useId();
  const [year, setYear] = useState(() => Number(todayInStockholm().slice(0, 4)));
  const terms = useQuery(termQueries.year(year));

  return (
    <section className="panel page" aria-labelledby="terms-heading">
      <title>{t("app.pageTitle", { page: t("terms.heading") })}</title>
      <h2 id="terms-heading">{t("terms.heading")}</h2>
      <p className="page__intro">{t("terms.intro")}</p>
      <div className="field field--inline">
        <label htmlFor={`${id}-year`}>{t("terms.year")}</label>
        <input
          id={`${id}-year`}
          type="number"
          inputMode="numeric"
          min={2000}
          max={2100}
          value={year}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (Number.isInteger(value) && value >= 2000 && value <= 2100) setYear(value);
          }}
        />
      </div>
      <QueryState query={terms} loading={t("terms.loading")} error={t("terms.error")} />
      {terms.data && <TermsForm key={year} year={year} saved={terms.data} />}
    </section>
  );
}

function TermsForm({ year, saved }: { year: number; saved: Term[] }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState<TermInput[]>(() => saved.map(({ name, startDate, endDate }) => ({ name, startDate, endDate })));
  const [checked, setChecked] = useState(false);
  const elements = useRef(new Map<string, HTMLInputElement>());
  const save = useMutation({
    mutationKey: termQueries.replace(),
    mutationFn: () => api.terms.replace(rows.map((row) => ({ ...row, name: row.name.trim() }))),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: termQueries.years() }),
        // The windows of `term` commitments follow the calendar.
        queryClient.invalidateQueries({ queryKey: progressQueries.all() }),
      ]),
  });
  const problems = checked ? termProblems(rows) : {};
  const apiProblems = useMemo(() => apiProblemsOf(save.error), [save.error]);
  const errorOf = (path: string) => (problems[path] ? t(`editor.problems.${problems[path]}`) : apiProblems[path]);
  const paths = rows.flatMap((_, index) => ["name", "startDate", "endDate"].map((field) => `terms.${index}.${field}`));
  const otherError = save.isError && Object.keys(apiProblems).length === 0 ? errorMessage(save.error, t) : null;

  useEffect(() => {
    const first = paths.find((path) => apiProblems[path]);
    if (first) elements.current.get(first)?.focus();
    // Only when the API answers anew.
  }, [apiProblems]);

  const isDefault = saved.length > 0 && saved.every((term) => term.default);
  const setRow = (index: number, change: Partial<TermInput>) =>
    setRows((current) => current.map((row, at) => (at === index ? { ...row, ...change } : row)));

  const input = (index: number, field: keyof TermInput, label: string) => {
    const path = `terms.${index}.${field}`;
    const error = errorOf(path);
    return (
      <div className="field">
        <label htmlFor={`${id}-${path}`}>{label}</label>
        <input
          id={`${id}-${path}`}
          ref={(element) => {
            if (element) elements.current.set(path, element);
            else elements.current.delete(path);
          }}
          type={field === "name" ? "text" : "date"}
          value={rows[index]?.[field] ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-${path}-error` : undefined}
          onChange={(event) => setRow(index, { [field]: event.target.value })}
        />
        {error && (
          <p id={`${id}-${path}-error`} className="field__error">
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <form
      className="form"
      noValidate
      aria-label={t("terms.formLabel", { year })}
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        const found = termProblems(rows);
        const first = paths.find((path) => found[path]);
        if (first) elements.current.get(first)?.focus();
        else if (!save.isPending) save.mutate();
      }}
    >
      {isDefault && <p className="notice">{t("terms.defaultNote", { year })}</p>}
      {rows.length === 0 && <p className="state">{t("terms.empty")}</p>}
      {rows.map((row, index) => (
        <fieldset key={saved[index]?.id ?? `new-${index}`} className="editor__commitment">
          <legend>
            {row.name || t("terms.termNumber", { number: index + 1 })}
            {saved[index]?.default && (
              <span className="tag tag--upcoming terms__default">
                <span aria-hidden="true">ⓘ&nbsp;</span>
                {t("terms.default")}
              </span>
            )}
          </legend>
          <div className="editor__row">
            {input(index, "name", t("terms.name"))}
            {input(index, "startDate", t("editor.startDate"))}
            {input(index, "endDate", t("editor.endDate"))}
          </div>
        </fieldset>
      ))}
      {otherError && (
        <p className="form__error" role="alert">
          {otherError}
        </p>
      )}
      {save.isSuccess && (
        <p className="notice" role="status">
          {t("terms.saved", { year })}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={save.isPending || rows.length === 0}>
          {save.isPending ? t("editor.saving") : t("terms.save")}
        </button>
      </div>
    </form>
  );
}
