import { useTranslation } from "react-i18next";
import { type Cadence, formatCount, formatPerWeek, formatTarget, localeOf, remainingToTarget } from "../progress/format";
import type { ChosenWindow } from "../time-travel/chosen-window";

/** What a window's figures mean for the work ahead: forecast at its end and the weekly pace needed. */
export function PaceNotes({ chosen, unit, cadence }: { chosen: ChosenWindow; unit: string; cadence: Cadence }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const { window, isRunning } = chosen;
  const end = chosen.kind === "period" ? "period" : cadence;

  if (window.target === null) return <p className="commitment__note">{t("progress.noTarget")}</p>;
  if (window.status === "met") return <p className="commitment__note">{t("progress.reached")}</p>;
  if (window.status === "upcoming") return <p className="commitment__note">{t("progress.startsOn", { date: window.start })}</p>;
  const remaining = remainingToTarget(window) ?? 0;
  if (!isRunning) {
    return <p className="commitment__note">{t("progress.missedBy", { remaining: formatCount(remaining, locale), unit })}</p>;
  }
  return (
    <div className="commitment__note">
      {window.forecast !== null && (
        <p>
          {t(`progress.forecast.${end}`, {
            forecast: formatCount(window.forecast, locale),
            target: formatTarget(window.target, locale),
          })}
        </p>
      )}
      {window.neededPerWeek !== null && remaining > 0 && (
        <p>
          {t("progress.remaining", { remaining: formatCount(remaining, locale), unit })} –{" "}
          <strong>{t("progress.neededPerWeek", { value: formatPerWeek(window.neededPerWeek, locale) })}</strong>.
        </p>
      )}
    </div>
  );
}
