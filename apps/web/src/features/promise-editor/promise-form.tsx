import { CADENCES, type Cadence } from "@lofteskollen/domain";
import { PROMISE_STATUSES, type PromiseStatus } from "@lofteskollen/contracts";
import { useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type CommitmentDraft, emptyCommitment, fieldOrder, type PromiseDraft, splitList, validateDraft } from "./editor-model";
import { activityTypeOptions } from "./activity-type-options";
import { activityTypeQueries } from "./queries";

type Props = {
  mode: "create" | "edit";
  initial: PromiseDraft;
  saving: boolean;
  /** What the API refused, by the form's field path, in its own words. */
  apiProblems: Record<string, string>;
  /** A refusal that names no field. */
  otherError: string | null;
  submitLabel: string;
  cancelTo: string;
  onSubmit: (draft: PromiseDraft) => void;
  /** Shown above the buttons (the confirm step of an edit). */
  children?: ReactNode;
  /** Saved commitments with recorded activities: they stay (history), so they cannot be removed. */
  inUse?: ReadonlySet<number>;
};

/** A field's wiring: its id, its error's id, its aria attributes and the ref focus goes to. */
type FieldProps = {
  id: string;
  errorId: string;
  error: string | undefined;
  ref: (element: HTMLElement | null) => void;
};

/**
 * The promise editor: the promise's fields and its commitments, each in its own fieldset.
 * Checked in Swedish at the field before anything is sent; what the API refuses shows at the field
 * it names. Focus goes to the first field to fix.
 */
export function PromiseForm({ mode, initial, saving, apiProblems, otherError, submitLabel, cancelTo, onSubmit, children, inUse }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [checked, setChecked] = useState(false);
  const elements = useRef(new Map<string, HTMLElement>());
  const activityTypes = useQuery(activityTypeQueries.list());

  const problems = checked ? validateDraft(draft) : {};
  const fromApi = useMemo(() => atFields(apiProblems, fieldOrder(draft)), [apiProblems, draft]);
  const errorOf = (path: string): string | undefined => (problems[path] ? t(`editor.problems.${problems[path]}`) : fromApi[path]);

  const focusFirst = (paths: Record<string, string>) => {
    const found = atFields(paths, fieldOrder(draft));
    const first = fieldOrder(draft).find((path) => found[path]);
    if (first) elements.current.get(first)?.focus();
  };

  // A new refusal from the API: focus its first field, which reads out the error.
  useEffect(() => {
    focusFirst(apiProblems);
    // Only when the API answers anew, not on every keystroke.
  }, [apiProblems]);

  const field = (path: string): FieldProps => ({
    id: `${id}-${path}`,
    errorId: `${id}-${path}-error`,
    error: errorOf(path),
    ref: (element) => {
      if (element) elements.current.set(path, element);
      else elements.current.delete(path);
    },
  });

  const set = <K extends keyof PromiseDraft>(key: K, value: PromiseDraft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const setCommitment = (index: number, change: Partial<CommitmentDraft>) =>
    setDraft((current) => ({
      ...current,
      commitments: current.commitments.map((item, at) => (at === index ? { ...item, ...change } : item)),
    }));
  const move = (index: number, by: -1 | 1) =>
    setDraft((current) => {
      const commitments = [...current.commitments];
      const [item] = commitments.splice(index, 1);
      if (item) commitments.splice(index + by, 0, item);
      return { ...current, commitments };
    });
  const remove = (index: number) =>
    setDraft((current) => ({ ...current, commitments: current.commitments.filter((_, at) => at !== index) }));

  const themes = splitList(draft.themes);

  return (
    <form
      className="form editor"
      aria-labelledby="editor-heading"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        const found = validateDraft(draft);
        if (Object.keys(found).length > 0) focusFirst(found);
        else if (!saving) onSubmit(draft);
      }}
    >
      <p className="field__hint">{t("editor.requiredHint")}</p>
      <fieldset className="editor__group">
        <legend>{t("editor.promiseLegend")}</legend>
        <TextField label={t("editor.title")} required {...field("title")} value={draft.title} onChange={(value) => set("title", value)} />
        <TextField
          label={t("editor.area")}
          hint={t("editor.areaHint")}
          required
          {...field("area")}
          value={draft.area}
          onChange={(value) => set("area", value)}
        />
        <div className="editor__row">
          <TextField
            label={t("editor.startDate")}
            type="date"
            required
            {...field("startDate")}
            value={draft.startDate}
            onChange={(value) => set("startDate", value)}
          />
          <TextField
            label={t("editor.endDate")}
            type="date"
            required
            {...field("endDate")}
            value={draft.endDate}
            onChange={(value) => set("endDate", value)}
          />
        </div>
        <TextField label={t("editor.summary")} multiline {...field("summary")} value={draft.summary} onChange={(value) => set("summary", value)} />
        <TextField
          label={t("editor.contact")}
          hint={t("editor.contactHint")}
          {...field("contact")}
          value={draft.contact}
          onChange={(value) => set("contact", value)}
        />
        <SelectField
          label={t("editor.status")}
          {...field("status")}
          value={draft.status}
          options={PROMISE_STATUSES.map((status) => ({ value: status, label: t(`promises.status.${status}`) }))}
          onChange={(value) => set("status", value as PromiseStatus)}
        />
        <TextField
          label={t("editor.themes")}
          hint={t("editor.listHint", { example: "Skola, Fritid, Lokalområde" })}
          {...field("themes")}
          value={draft.themes}
          onChange={(value) => set("themes", value)}
        >
          <Chips items={themes} label={t("editor.chipsLabel", { field: t("editor.themes") })} />
        </TextField>
      </fieldset>

      <section className="editor__commitments" aria-labelledby={`${id}-commitments`}>
        <h3 id={`${id}-commitments`}>{t("editor.commitmentsHeading")}</h3>
        {mode === "edit" && <p className="field__hint">{t("editor.editCommitmentsHint")}</p>}
        {errorOf("commitments") && (
          <p
            id={field("commitments").errorId}
            ref={field("commitments").ref}
            tabIndex={-1}
            className="field__error"
          >
            {errorOf("commitments")}
          </p>
        )}
        <datalist id={`${id}-themes`}>
          {themes.map((theme) => (
            <option key={theme} value={theme} />
          ))}
        </datalist>
        {draft.commitments.map((commitment, index) => {
          const at = (name: string) => field(`commitments.${index}.${name}`);
          const number = index + 1;
          const organisations = splitList(commitment.organisations);
          const locked = commitment.id !== null && Boolean(inUse?.has(commitment.id));
          return (
            <fieldset key={commitment.key} className="editor__commitment">
              <legend>
                {t("editor.commitmentLegend", { number })}
                {commitment.title.trim() && <span className="editor__legend-title">: {commitment.title.trim()}</span>}
              </legend>
              <div className="toolbar editor__commitment-tools">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={index === 0}
                  aria-label={t("editor.moveUpNamed", { number })}
                  onClick={() => move(index, -1)}
                >
                  <span aria-hidden="true">↑&nbsp;</span>
                  {t("editor.moveUp")}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={index === draft.commitments.length - 1}
                  aria-label={t("editor.moveDownNamed", { number })}
                  onClick={() => move(index, 1)}
                >
                  <span aria-hidden="true">↓&nbsp;</span>
                  {t("editor.moveDown")}
                </button>
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={draft.commitments.length === 1 || locked}
                  aria-label={t("editor.removeNamed", { number })}
                  aria-describedby={locked ? `${id}-locked-${commitment.key}` : undefined}
                  onClick={() => remove(index)}
                >
                  {t("editor.remove")}
                </button>
                {locked && (
                  <span className="field__hint editor__locked" id={`${id}-locked-${commitment.key}`}>
                    {t("editor.cannotRemove")}
                  </span>
                )}
              </div>
              <TextField
                label={t("editor.commitmentTitle")}
                required
                {...at("title")}
                value={commitment.title}
                onChange={(value) => setCommitment(index, { title: value })}
              />
              <TextField
                label={t("editor.description")}
                multiline
                {...at("description")}
                value={commitment.description}
                onChange={(value) => setCommitment(index, { description: value })}
              />
              <TextField
                label={t("editor.theme")}
                list={`${id}-themes`}
                {...at("theme")}
                value={commitment.theme}
                onChange={(value) => setCommitment(index, { theme: value })}
              />
              <SelectField
                label={t("editor.activityType")}
                required
                {...at("activityType")}
                value={commitment.activityType}
                options={[
                  { value: "", label: activityTypes.isPending ? t("editor.activityTypesLoading") : t("editor.chooseActivityType") },
                  // No archived type for a new commitment; one that has it (as saved, or now) keeps it.
                  ...activityTypeOptions(
                    activityTypes.data,
                    [commitment.activityType, initial.commitments.find((saved) => saved.key === commitment.key)?.activityType ?? ""],
                    (label) => `${label} (${t("reference.archived")})`,
                  ),
                ]}
                onChange={(value) => setCommitment(index, { activityType: value })}
              />
              {activityTypes.isError && <p className="field__hint">{t("editor.activityTypesError")}</p>}
              <div className="editor__row">
                <TextField
                  label={t("editor.target")}
                  hint={t("editor.targetHint")}
                  inputMode="numeric"
                  disabled={!commitment.hasTarget}
                  required={commitment.hasTarget}
                  {...at("target")}
                  value={commitment.hasTarget ? commitment.target : ""}
                  onChange={(value) => setCommitment(index, { target: value })}
                />
                <TextField
                  label={t("editor.unit")}
                  hint={t("editor.unitHint")}
                  {...at("unit")}
                  value={commitment.unit}
                  onChange={(value) => setCommitment(index, { unit: value })}
                />
              </div>
              <div className="field field--check">
                <input
                  id={`${id}-commitments.${index}.noTarget`}
                  type="checkbox"
                  checked={!commitment.hasTarget}
                  onChange={(event) => setCommitment(index, { hasTarget: !event.target.checked })}
                />
                <label htmlFor={`${id}-commitments.${index}.noTarget`}>{t("editor.noTarget")}</label>
              </div>
              <SelectField
                label={t("editor.cadence")}
                {...at("cadence")}
                value={commitment.cadence}
                options={CADENCE_ORDER.map((cadence) => ({ value: cadence, label: t(`editor.cadences.${cadence}`) }))}
                onChange={(value) => setCommitment(index, { cadence: value as Cadence })}
              />
              <TextField
                label={t("editor.organisations")}
                hint={t("editor.listHint", { example: "Polisen, Fältenheten" })}
                required
                {...at("organisations")}
                value={commitment.organisations}
                onChange={(value) => setCommitment(index, { organisations: value })}
              >
                <Chips items={organisations} label={t("editor.chipsLabel", { field: t("editor.organisations") })} />
              </TextField>
            </fieldset>
          );
        })}
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setDraft((current) => ({ ...current, commitments: [...current.commitments, emptyCommitment()] }))}
          >
            {t("editor.addCommitment")}
          </button>
        </p>
      </section>

      {otherError && (
        <p className="form__error" role="alert">
          {otherError}
        </p>
      )}
      {checked && Object.keys(problems).length > 0 && (
        <p className="form__error" role="alert">
          {t("editor.fixFields", { count: Object.keys(problems).length })}
        </p>
      )}
      {children}
      <div className="form__actions toolbar">
        <button type="submit" className="button" disabled={saving}>
          {saving ? t("editor.saving") : submitLabel}
        </button>
        <Link className="button button--secondary" to={cancelTo}>
          {t("editor.cancel")}
        </Link>
      </div>
    </form>
  );
}

/**
 * The API's problems moved to the form's fields: one deeper than a field (`commitments.0.organisations.2`,
 * one name of the list) shows at the field it belongs to; the first message per field wins.
 */
function atFields(problems: Record<string, string>, fields: readonly string[]): Record<string, string> {
  const moved: Record<string, string> = {};
  for (const [path, message] of Object.entries(problems)) {
    const field = fields.includes(path) ? path : fields.filter((item) => path.startsWith(`${item}.`)).sort((a, b) => b.length - a.length)[0];
    if (field) moved[field] ??= message;
  }
  return moved;
}

// The order people think in: the common cadences first.
const CADENCE_ORDER: readonly Cadence[] = ["year", "term", "month", "period"].filter((cadence): cadence is Cadence =>
  (CADENCES as readonly string[]).includes(cadence),
);

function describedBy(hintId: string | undefined, { error, errorId }: Pick<FieldProps, "error" | "errorId">) {
  const ids = [hintId, error ? errorId : undefined].filter(Boolean).join(" ");
  return ids || undefined;
}

function TextField({
  label,
  hint,
  value,
  onChange,
  multiline = false,
  children,
  id,
  errorId,
  error,
  ref,
  ...input
}: FieldProps & {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  multiline?: boolean;
  children?: ReactNode;
  type?: string;
  required?: boolean;
  disabled?: boolean;
  list?: string;
  inputMode?: "numeric";
}) {
  const { t } = useTranslation();
  const hintId = hint ? `${id}-hint` : undefined;
  const common = {
    id,
    value,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(hintId, { error, errorId }),
    "aria-required": input.required || undefined,
  } as const;
  return (
    <div className={`field${multiline ? " field--wide" : ""}`}>
      <label htmlFor={id}>
        {label}
        {input.required && <span className="field__required"> {t("editor.required")}</span>}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...common} ref={ref} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          ref={ref}
          type={input.type ?? "text"}
          disabled={input.disabled}
          list={input.list}
          inputMode={input.inputMode}
          autoComplete="off"
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

function SelectField({
  label,
  value,
  options,
  onChange,
  required,
  id,
  errorId,
  error,
  ref,
}: FieldProps & {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
  required?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required && <span className="field__required"> {t("editor.required")}</span>}
      </label>
      <select
        id={id}
        ref={ref}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-required={required || undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The names read from a comma separated field, as chips: what will be saved. */
function Chips({ items, label }: { items: string[]; label: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="chips" aria-label={label}>
      {items.map((item) => (
        <li key={item} className="chip">
          {item}
        </li>
      ))}
    </ul>
  );
}
