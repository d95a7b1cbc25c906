import type { Activity } from "@lofteskollen/contracts";
import { containsPersonalIdentityNumber } from "@lofteskollen/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { progressQueries } from "../progress/queries";
import { type CorrectionFields, correctionChanges, correctionFieldsOf } from "./correction";
import { commitmentQueries } from "./queries";

type Props = {
  activity: Activity;
  /** The organisations the user may log this commitment for. */
  organisations: readonly string[];
  /** The dates an activity may have: the promise's period, up to today. */
  dates: { min: string; max: string };
  onDone: () => void;
};

const FIELD_OF_PATH: Record<string, keyof CorrectionFields | "reason"> = {
  "activity.occurredAt": "date",
  "activity.quantity": "quantity",
  "activity.organisation": "organisation",
  "activity.place": "place",
  "activity.note": "note",
  reason: "reason",
};

/**
 * "Rätta": the activity is voided and the corrected one logged in its place, linked to it, in one
 * step on the server. The history keeps both; only the corrected one counts.
 */
export function CorrectActivity({ activity, organisations, dates, onDone }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState(() => correctionFieldsOf(activity));
  const [reason, setReason] = useState("");
  const changes = correctionChanges(activity, fields);
  const correcting = useMutation({
    mutationFn: () => api.activities.correct(activity.id, { reason: reason.trim(), activity: changes }),
    onSuccess: () => {
      onDone();
      void queryClient.invalidateQueries({ queryKey: commitmentQueries.detail(activity.commitmentId) });
      void queryClient.invalidateQueries({ queryKey: progressQueries.all() });
    },
  });

  const refused = new Map<string, string>();
  if (correcting.error instanceof ApiError) {
    for (const issue of correcting.error.issues) {
      const field = FIELD_OF_PATH[issue.path];
      if (field && !refused.has(field)) refused.set(field, issue.message);
    }
  }
  const local = new Map<string, string>();
  const quantity = fields.quantity.trim();
  if (!/^\d+$/.test(quantity) || Number(quantity) < 1 || Number(quantity) > 10_000) local.set("quantity", t("quickLog.quantityProblem"));
  for (const field of ["place", "note"] as const) {
    if (containsPersonalIdentityNumber(fields[field])) local.set(field, t("quickLog.personalNumber", { field: t(`correcting.${field}`) }));
  }
  if (containsPersonalIdentityNumber(reason)) local.set("reason", t("quickLog.personalNumber", { field: t("correcting.reason") }));
  const problem = (field: string) => local.get(field) ?? refused.get(field);
  const unchanged = Object.keys(changes).length === 0;
  const otherRefusal = correcting.isError && refused.size === 0 ? errorMessage(correcting.error, t) : null;

  const set = (field: keyof CorrectionFields) => (event: { target: { value: string } }) =>
    setFields((current) => ({ ...current, [field]: event.target.value }));
  const described = (field: string, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : null, problem(field) ? `${id}-${field}-error` : null].filter(Boolean).join(" ") || undefined;
  const error = (field: string) =>
    problem(field) && (
      <p id={`${id}-${field}-error`} className="field__error" role="alert">
        {problem(field)}
      </p>
    );
  const organisationChoices = [...new Set([...(activity.organisation ? [activity.organisation] : []), ...organisations])];

  return (
    <form
      className="form correction-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!unchanged && reason.trim() && local.size === 0 && !correcting.isPending) correcting.mutate();
      }}
    >
      <h4 id={`${id}-heading`}>{t("correcting.heading", { date: activity.localDate, quantity: activity.quantity })}</h4>
      <p className="field__hint">{t("correcting.intro")}</p>
      <div className="correction-form__fields">
        <div className="field">
          <label htmlFor={`${id}-date`}>{t("correcting.date")}</label>
          <input id={`${id}-date`} type="date" min={dates.min} max={dates.max} value={fields.date} aria-describedby={described("date")} onChange={set("date")} required />
          {error("date")}
        </div>
        <div className="field">
          <label htmlFor={`${id}-quantity`}>{t("correcting.quantity")}</label>
          <input id={`${id}-quantity`} inputMode="numeric" value={fields.quantity} aria-describedby={described("quantity")} aria-invalid={problem("quantity") ? true : undefined} onChange={set("quantity")} required />
          {error("quantity")}
        </div>
        {organisationChoices.length > 0 && (
          <div className="field">
            <label htmlFor={`${id}-organisation`}>{t("correcting.organisation")}</label>
            <select id={`${id}-organisation`} value={fields.organisation} aria-describedby={described("organisation")} onChange={set("organisation")}>
              {organisationChoices.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            {error("organisation")}
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-place`}>{t("correcting.place")}</label>
          <input id={`${id}-place`} value={fields.place} maxLength={200} aria-describedby={described("place")} aria-invalid={problem("place") ? true : undefined} onChange={set("place")} />
          {error("place")}
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-note`}>{t("correcting.note")}</label>
          <textarea id={`${id}-note`} value={fields.note} maxLength={2000} rows={2} aria-describedby={described("note", true)} aria-invalid={problem("note") ? true : undefined} onChange={set("note")} />
          <p id={`${id}-note-hint`} className="field__hint privacy-hint">
            {t("quickLog.noteHint")}
          </p>
          {error("note")}
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-reason`}>{t("correcting.reason")}</label>
          <input id={`${id}-reason`} value={reason} maxLength={500} required aria-describedby={described("reason")} aria-invalid={problem("reason") ? true : undefined} onChange={(event) => setReason(event.target.value)} />
          {error("reason")}
        </div>
      </div>
      {unchanged && <p className="field__hint">{t("correcting.unchanged")}</p>}
      {otherRefusal && (
        <p className="form__error" role="alert">
          {otherRefusal}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={unchanged || !reason.trim() || correcting.isPending}>
          {correcting.isPending ? t("correcting.saving") : t("correcting.save")}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          {t("tokens.cancel")}
        </button>
      </div>
    </form>
  );
}
