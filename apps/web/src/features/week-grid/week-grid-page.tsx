import { addDays, todayInStockholm } from "@lofteskollen/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { isoWeekOf } from "../../app/iso-week";
import { PATHS } from "../../app/paths";
import { QueryState } from "../../app/query-state";
import { useSignedInUser } from "../auth/signed-in-user";
import { localeOf } from "../progress/format";
import { progressQueries } from "../progress/queries";
import { type LoggableCommitment, loggableCommitments } from "../quick-log/loggable";
import { usePromiseDetails } from "../quick-log/queries";
import { type CellKey, cellKey, isOpenDay, parseCell, refusalsByCell, weekBatch, weekDays, weekFromParam } from "./week-grid-model";

const WEEK_PARAM = "vecka";
const ORGANISATION_PARAM = "aktor";

/** `/registrera/vecka`: a week's counts for many commitments at once, saved as one all-or-nothing batch. */
export function WeekGridPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const id = useId();
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const today = todayInStockholm();
  const monday = weekFromParam(params.get(WEEK_PARAM), today);
  const days = weekDays(monday);
  const promises = usePromiseDetails();
  const all = loggableCommitments(user, promises.data, today);
  const organisations = [...new Set(all.flatMap((commitment) => commitment.organisations))].sort((a, b) => a.localeCompare(b, "sv"));
  const organisation = params.get(ORGANISATION_PARAM);
  const commitments = organisation ? all.filter((commitment) => commitment.organisations.includes(organisation)) : all;
  const [values, setValues] = useState(new Map<CellKey, string>());
  const idempotencyKey = useRef(crypto.randomUUID());
  const batch = weekBatch(commitments, days, values);

  const save = useMutation({
    mutationFn: () => api.activities.createBatch(batch.activities, idempotencyKey.current),
    onSuccess: () => {
      setValues(new Map());
      idempotencyKey.current = crypto.randomUUID();
      void queryClient.invalidateQueries({ queryKey: progressQueries.all() });
    },
  });
  const refusals = save.error instanceof ApiError ? refusalsByCell(save.error.issues, batch.cells) : new Map<CellKey, string[]>();
  const { week } = isoWeekOf(monday);
  const dayName = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "numeric", timeZone: "UTC" });
  const dayLong = new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  const utc = (date: string) => new Date(`${date}T00:00:00Z`);
  const goToWeek = (date: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set(WEEK_PARAM, date);
      return next;
    });

  return (
    <section className="panel page week-grid" aria-labelledby="week-heading">
      <title>{t("app.pageTitle", { page: t("weekGrid.heading") })}</title>
      <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
        <Link to={PATHS.quickLog}>{t("quickLog.heading")}</Link>
      </nav>
      <h2 id="week-heading">{t("weekGrid.heading")}</h2>
      <p className="page__intro">{t("weekGrid.intro")}</p>

      <div className="week-grid__controls">
        <button type="button" className="button button--secondary" onClick={() => goToWeek(addDays(monday, -7))}>
          <span aria-hidden="true">← </span>
          {t("weekGrid.previous")}
        </button>
        <p className="week-grid__week" aria-live="polite">
          {t("weekGrid.week", { week, from: days[0], to: days[6] })}
        </p>
        <button type="button" className="button button--secondary" disabled={addDays(monday, 7) > today} onClick={() => goToWeek(addDays(monday, 7))}>
          {t("weekGrid.next")}
          <span aria-hidden="true"> →</span>
        </button>
        {organisations.length > 1 && (
          <div className="field field--inline">
            <label htmlFor={`${id}-organisation`}>{t("weekGrid.organisation")}</label>
            <select
              id={`${id}-organisation`}
              value={organisation ?? ""}
              onChange={(event) =>
                setParams((current) => {
                  const next = new URLSearchParams(current);
                  if (event.target.value) next.set(ORGANISATION_PARAM, event.target.value);
                  else next.delete(ORGANISATION_PARAM);
                  return next;
                })
              }
            >
              <option value="">{t("weekGrid.allOrganisations")}</option>
              {organisations.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      <QueryState query={promises} loading={t("quickLog.loading")} error={t("quickLog.error")} />
      {save.isSuccess && (
        <p className="notice" role="status">
          {t("weekGrid.saved", { count: save.data.created, week })}
        </p>
      )}
      {!promises.isPending && commitments.length === 0 && <p className="state">{t("quickLog.nothingToLog")}</p>}
      {commitments.length > 0 && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (batch.invalid.length === 0 && batch.activities.length > 0 && !save.isPending) save.mutate();
          }}
        >
          <div className="table-scroll">
            <table className="grid-table">
              <caption className="visually-hidden">{t("weekGrid.caption", { week })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("weekGrid.commitment")}</th>
                  {days.map((date) => (
                    <th key={date} scope="col" className={date === today ? "grid-table__today" : undefined}>
                      {dayName.format(utc(date))}
                    </th>
                  ))}
                  <th scope="col">{t("weekGrid.sum")}</th>
                </tr>
              </thead>
              <tbody>
                {commitments.map((commitment) => (
                  <GridRow
                    key={commitment.id}
                    commitment={commitment}
                    days={days}
                    today={today}
                    values={values}
                    refusals={refusals}
                    dayLabel={(date) => dayLong.format(utc(date))}
                    onChange={(key, value) => setValues((current) => new Map(current).set(key, value))}
                  />
                ))}
              </tbody>
            </table>
          </div>
          {batch.invalid.length > 0 && (
            <p className="form__error" role="alert">
              {t("weekGrid.invalid", { count: batch.invalid.length })}
            </p>
          )}
          {save.isError && (
            <div className="form__error" role="alert">
              <p>{t("weekGrid.saveFailed")}</p>
              <p>{errorMessage(save.error, t)}</p>
            </div>
          )}
          <div className="form__actions">
            <button type="submit" className="button button--big" disabled={save.isPending || batch.activities.length === 0 || batch.invalid.length > 0}>
              {save.isPending ? t("quickLog.saving") : t("weekGrid.save", { count: batch.activities.length })}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

type GridRowProps = {
  commitment: LoggableCommitment;
  days: readonly string[];
  today: string;
  values: ReadonlyMap<CellKey, string>;
  refusals: ReadonlyMap<CellKey, string[]>;
  dayLabel: (date: string) => string;
  onChange: (key: CellKey, value: string) => void;
};

function GridRow({ commitment, days, today, values, refusals, dayLabel, onChange }: GridRowProps) {
  const { t } = useTranslation();
  const sum = days.reduce((total, date) => {
    const cell = parseCell(values.get(cellKey(commitment.id, date)) ?? "");
    return total + (cell.kind === "count" ? cell.quantity : 0);
  }, 0);
  return (
    <tr>
      <th scope="row">
        <span className="grid-table__title">{commitment.title}</span>
        <span className="grid-table__unit">{commitment.unit}</span>
      </th>
      {days.map((date) => {
        const key = cellKey(commitment.id, date);
        const value = values.get(key) ?? "";
        const open = isOpenDay(commitment, date, today);
        const problems = refusals.get(key);
        const invalid = parseCell(value).kind === "invalid" || problems !== undefined;
        return (
          <td key={date}>
            <input
              className="grid-table__cell"
              inputMode="numeric"
              value={value}
              disabled={!open}
              aria-label={t("weekGrid.cellLabel", { title: commitment.title, day: dayLabel(date) })}
              aria-invalid={invalid ? true : undefined}
              title={problems?.join(" ") ?? (open ? undefined : t("weekGrid.closedDay"))}
              onChange={(event) => onChange(key, event.target.value)}
            />
            {problems && <span className="field__error grid-table__problem">{problems.join(" ")}</span>}
          </td>
        );
      })}
      <td className="numeric grid-table__sum">{sum}</td>
    </tr>
  );
}
