import { isLocalDate } from "@lofteskollen/domain";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { WindowOption } from "./chosen-window";
import { useViewParams } from "./use-view-params";
import { windowChoiceFromValue, windowChoiceValue } from "./view-params";

type TimeTravelBarProps = {
  /** What the window selector offers; none: no selector (the overview). */
  windowOptions?: readonly WindowOption[];
};

/**
 * "Hur såg det ut den 31 december?": the as-of date and the window every number and chart on the
 * page follows. Both live in the address, so the view can be shared as a link.
 */
export function TimeTravelBar({ windowOptions }: TimeTravelBarProps) {
  const { t } = useTranslation();
  const { asOf, isToday, today, window, setView } = useViewParams();
  const id = useId();
  // The date field keeps what is typed until it is a whole date; only then does the view follow.
  const [draft, setDraft] = useState<string | null>(null);
  const windowValue = windowChoiceValue(window);
  const knownWindow = windowOptions?.some((option) => option.value === windowValue) ? windowValue : "current";

  return (
    <form className="time-travel" aria-label={t("timeTravel.label")} onSubmit={(event) => event.preventDefault()}>
      <div className="field field--inline">
        <label htmlFor={`${id}-as-of`}>{t("timeTravel.asOf")}</label>
        <input
          id={`${id}-as-of`}
          type="date"
          value={draft ?? asOf}
          max={today}
          required
          onChange={(event) => {
            const value = event.target.value;
            setDraft(value);
            if (isLocalDate(value) && value <= today) {
              setDraft(null);
              setView({ asOf: value });
            }
          }}
          onBlur={() => setDraft(null)}
        />
      </div>
      {!isToday && (
        <button type="button" className="button button--secondary" onClick={() => setView({ asOf: today })}>
          {t("timeTravel.today")}
        </button>
      )}
      {windowOptions && windowOptions.length > 1 && (
        <div className="field field--inline">
          <label htmlFor={`${id}-window`}>{t("timeTravel.window")}</label>
          <select
            id={`${id}-window`}
            value={knownWindow}
            onChange={(event) => setView({ window: windowChoiceFromValue(event.target.value) })}
          >
            {windowOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <p className="time-travel__status" role="status">
        {isToday ? t("timeTravel.showingToday", { date: asOf }) : t("timeTravel.showingPast", { date: asOf })}
      </p>
    </form>
  );
}
