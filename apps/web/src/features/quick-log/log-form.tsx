import type { Activity, CreateActivityInput, CurrentUser } from "@lofteskollen/contracts";
import { containsPersonalIdentityNumber } from "@lofteskollen/domain";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { deviceQueue, type QueuedActivity } from "../offline/queue-store";
import { outcomeOf } from "../offline/sync";
import { dayChoices, type LoggableCommitment } from "./loggable";
import { recentPlaces } from "./recent";

const QUANTITY_MAX = 10_000;
/** The fields that show the API's refusal beside them; any other refusal is shown above the buttons. */
const FIELD_PATHS = ["occurredAt", "quantity", "place", "note"];

type LogFormProps = {
  user: CurrentUser;
  commitment: LoggableCommitment;
  today: string;
  /** What to start from (a queued entry the server refused, to be fixed); default: today, 1. */
  initial?: CreateActivityInput;
  onSaved: (activity: Activity) => void;
  /** Without network the activity waits on the device instead; it is sent when the network returns. */
  onQueued: (item: QueuedActivity) => void;
  onCancel: () => void;
};

/**
 * One activity for one commitment: today and a quantity of 1 are already filled in, so a typical
 * log is one tap on "Spara". Notes are checked for personnummer before anything is sent.
 */
export function LogForm({ user, commitment, today, initial, onSaved, onQueued, onCancel }: LogFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const { yesterday } = dayChoices(today);
  const firstDay = commitment.period.start;
  const [date, setDate] = useState(initial?.occurredAt.slice(0, 10) ?? (today < commitment.period.end ? today : commitment.period.end));
  const [quantity, setQuantity] = useState(String(initial?.quantity ?? 1));
  const [organisation, setOrganisation] = useState(initial?.organisation ?? commitment.organisations[0] ?? "");
  const [place, setPlace] = useState(initial?.place ?? "");
  const [note, setNote] = useState(initial?.note ?? "");
  // One key per activity being logged: a retry after a lost answer is then not a second activity.
  const idempotencyKey = useRef(crypto.randomUUID());
  const places = recentPlaces(localStorage, user.id, commitment.id);

  const queue = async (input: CreateActivityInput) => {
    const item: QueuedActivity = {
      key: idempotencyKey.current,
      userId: user.id,
      input,
      commitmentTitle: commitment.title,
      queuedAt: new Date().toISOString(),
      state: "waiting",
    };
    await deviceQueue().put(item);
    onQueued(item);
  };
  const save = useMutation({
    mutationFn: async (input: CreateActivityInput) => {
      if (!navigator.onLine) return { queued: await queue(input) };
      try {
        return { saved: await api.activities.create(input, idempotencyKey.current) };
      } catch (error) {
        // No answer (no network, a dropped connection): the same request, with the same key, waits
        // on the device. If the server did log it before the line dropped, the key makes the resend
        // return that activity instead of a second one.
        if (outcomeOf(error) === "retry-later") return { queued: await queue(input) };
        throw error;
      }
    },
    onSuccess: (result) => {
      if ("saved" in result && result.saved) onSaved(result.saved);
    },
  });

  const quantityNumber = Number(quantity);
  const quantityProblem =
    !/^\d+$/.test(quantity.trim()) || quantityNumber < 1 || quantityNumber > QUANTITY_MAX ? t("quickLog.quantityProblem") : null;
  const noteProblem = containsPersonalIdentityNumber(note) ? t("quickLog.personalNumber", { field: t("quickLog.note") }) : null;
  const placeProblem = containsPersonalIdentityNumber(place) ? t("quickLog.personalNumber", { field: t("quickLog.place") }) : null;
  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const issueFor = (field: string) => issues.find((issue) => issue.path === field)?.message ?? null;
  const dateError = issueFor("occurredAt");

  return (
    <form
      className="form log-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (quantityProblem || noteProblem || placeProblem || save.isPending) return;
        save.mutate({
          commitmentId: commitment.id,
          occurredAt: date,
          quantity: quantityNumber,
          organisation: organisation || null,
          place: place.trim() || null,
          note: note.trim() || null,
        });
      }}
    >
      <h3 id={`${id}-heading`}>{commitment.title}</h3>
      <p className="page__note">{commitment.promiseTitle}</p>

      <fieldset className="field choice">
        <legend>{t("quickLog.date")}</legend>
        <div className="choice__options">
          {[
            { value: today, label: t("quickLog.today") },
            { value: yesterday, label: t("quickLog.yesterday") },
          ]
            .filter((option) => option.value >= firstDay)
            .map((option) => (
              <button
                key={option.value}
                type="button"
                className={`choice__option${date === option.value ? " choice__option--on" : ""}`}
                aria-pressed={date === option.value}
                onClick={() => setDate(option.value)}
              >
                {option.label}
              </button>
            ))}
          <label className="visually-hidden" htmlFor={`${id}-date`}>
            {t("quickLog.otherDate")}
          </label>
          <input
            id={`${id}-date`}
            type="date"
            value={date}
            min={firstDay}
            max={today}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={dateError ? `${id}-date-error` : undefined}
            onChange={(event) => event.target.value && setDate(event.target.value)}
          />
        </div>
        {dateError && (
          <p id={`${id}-date-error`} className="field__error">
            {dateError}
          </p>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor={`${id}-quantity`}>{t("quickLog.quantity", { unit: commitment.unit })}</label>
        <div className="stepper">
          <button
            type="button"
            className="stepper__button"
            aria-label={t("quickLog.less")}
            disabled={quantityNumber <= 1}
            onClick={() => setQuantity(String(Math.max(1, (Number.isFinite(quantityNumber) ? quantityNumber : 1) - 1)))}
          >
            −
          </button>
          <input
            id={`${id}-quantity`}
            inputMode="numeric"
            pattern="[0-9]*"
            value={quantity}
            aria-invalid={quantityProblem ? true : undefined}
            aria-describedby={quantityProblem ? `${id}-quantity-error` : undefined}
            onChange={(event) => setQuantity(event.target.value)}
          />
          <button
            type="button"
            className="stepper__button"
            aria-label={t("quickLog.more")}
            disabled={quantityNumber >= QUANTITY_MAX}
            onClick={() => setQuantity(String(Math.min(QUANTITY_MAX, (Number.isFinite(quantityNumber) ? quantityNumber : 0) + 1)))}
          >
            +
          </button>
        </div>
        {(quantityProblem || issueFor("quantity")) && (
          <p id={`${id}-quantity-error`} className="field__error">
            {quantityProblem ?? issueFor("quantity")}
          </p>
        )}
      </div>

      {commitment.organisations.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-organisation`}>{t("quickLog.organisation")}</label>
          <select id={`${id}-organisation`} value={organisation} onChange={(event) => setOrganisation(event.target.value)}>
            {commitment.organisations.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      )}

      <div className="field">
        <label htmlFor={`${id}-place`}>{t("quickLog.place")}</label>
        <input
          id={`${id}-place`}
          list={`${id}-places`}
          value={place}
          autoComplete="off"
          maxLength={200}
          aria-invalid={placeProblem ? true : undefined}
          aria-describedby={placeProblem ? `${id}-place-error` : undefined}
          onChange={(event) => setPlace(event.target.value)}
        />
        <datalist id={`${id}-places`}>
          {places.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {(placeProblem || issueFor("place")) && (
          <p id={`${id}-place-error`} className="field__error" role="alert">
            {placeProblem ?? issueFor("place")}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={`${id}-note`}>{t("quickLog.note")}</label>
        <p id={`${id}-note-hint`} className="field__hint privacy-hint">
          <span aria-hidden="true">⚠ </span>
          {t("quickLog.noteHint")}
        </p>
        <textarea
          id={`${id}-note`}
          rows={3}
          maxLength={2000}
          value={note}
          aria-invalid={noteProblem ? true : undefined}
          aria-describedby={`${id}-note-hint${noteProblem || issueFor("note") ? ` ${id}-note-error` : ""}`}
          onChange={(event) => setNote(event.target.value)}
        />
        {(noteProblem || issueFor("note")) && (
          <p id={`${id}-note-error`} className="field__error" role="alert">
            {noteProblem ?? issueFor("note")}
          </p>
        )}
      </div>

      {save.isError && !issues.some((issue) => FIELD_PATHS.includes(issue.path)) && (
        <div className="form__error" role="alert">
          <p>{t("quickLog.saveFailed")}</p>
          <p>{errorMessage(save.error, t)}</p>
        </div>
      )}

      <div className="form__actions">
        <button type="submit" className="button button--big" disabled={save.isPending}>
          {save.isPending ? t("quickLog.saving") : t("quickLog.save")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("quickLog.back")}
        </button>
      </div>
    </form>
  );
}
