import type { CommitmentProgress } from "@lofteskollen/contracts";
import { useTranslation } from "react-i18next";
import { formatCount, formatPerWeek, formatTarget, localeOf, remainingToTarget } from "../progress/format";
import { WindowName } from "../promise-page/window-name";
import type { ChosenWindow } from "../time-travel/chosen-window";

/** The chosen window's numbers, each named: done, target, expected so far, forecast, weekly need. */
export function KeyFigures({ chosen, progress }: { chosen: ChosenWindow; progress: CommitmentProgress }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const { window, isRunning } = chosen;
  const remaining = remainingToTarget(window);
  const figures: { key: string; label: string; value: string }[] = [
    { key: "actual", label: t("figures.actualUnit", { unit: progress.unit }), value: formatCount(window.actual, locale) },
  ];
  if (window.target !== null) {
    figures.push({ key: "target", label: t("figures.target"), value: formatTarget(window.target, locale) });
    if (isRunning && window.expectedToDate !== null) {
      figures.push({ key: "expected", label: t("figures.expected"), value: formatTarget(window.expectedToDate, locale) });
    }
    if (window.forecast !== null) {
      figures.push({ key: "forecast", label: t("figures.forecast"), value: formatCount(window.forecast, locale) });
    }
    if (window.neededPerWeek !== null && remaining !== null && remaining > 0) {
      figures.push({ key: "needed", label: t("figures.neededPerWeek"), value: formatPerWeek(window.neededPerWeek, locale) });
    }
  }

  return (
    <>
      <p className="figures__window">
        <WindowName chosen={chosen} cadence={progress.cadence} />
        {" · "}
        {window.start} – {window.end}
      </p>
      <dl className="figures">
        {figures.map((figure) => (
          <div key={figure.key} className={`figures__item figures__item--${figure.key}`} data-figure={figure.key}>
            <dt>{figure.label}</dt>
            <dd>{figure.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
