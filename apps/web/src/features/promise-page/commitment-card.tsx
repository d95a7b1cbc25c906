import type { DailyTotal } from "@lofteskollen/contracts";
import { minDate } from "@lofteskollen/domain";
import { Suspense } from "react";
import { Trans, useTranslation } from "react-i18next";
import { Link } from "react-router";
import { commitmentPath } from "../../app/paths";
import { TrendChart } from "../charts/lazy-charts";
import { recentTrend } from "../charts/series";
import { ProgressBar } from "../progress/progress-bar";
import { StatusBadge } from "../progress/status-badge";
import { type Cadence, formatCount, formatTarget, localeOf, roundTargetUp, statusLook } from "../progress/format";
import { type ChosenWindow, chosenWindow, type Period } from "../time-travel/chosen-window";
import type { WindowChoice } from "../time-travel/view-params";
import { PaceNotes } from "./pace-notes";
import type { ThemedCommitment } from "./theme-groups";
import { WindowName } from "./window-name";

type CommitmentCardProps = {
  item: ThemedCommitment;
  period: Period;
  asOf: string;
  choice: WindowChoice;
  /** The commitment's daily totals; undefined while they load. */
  days: readonly DailyTotal[] | undefined;
  search: string;
};

/** One commitment on the promise page: status, count against target and pace, forecast, weekly need, who. */
export function CommitmentCard({ item, period, asOf, choice, days, search }: CommitmentCardProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const { commitment, progress } = item;
  const chosen = chosenWindow(progress, choice, period, asOf);
  const status = chosen?.status ?? progress.status;
  const look = statusLook(status);
  const headingId = `commitment-${commitment.id}`;

  return (
    <li className={`commitment commitment--${look.tone}`} aria-labelledby={headingId}>
      <div className="commitment__head">
        <h4 id={headingId} className="commitment__title">
          <Link to={`${commitmentPath(commitment.promiseId, commitment.id)}${search}`}>{commitment.title}</Link>
        </h4>
        <StatusBadge status={status} />
      </div>
      {chosen && <Figures chosen={chosen} unit={progress.unit} cadence={progress.cadence} locale={locale} />}
      {chosen && chosen.window.target !== null && (
        <ProgressBar
          actual={chosen.window.actual}
          target={roundTargetUp(chosen.window.target)}
          expected={chosen.isRunning ? chosen.window.expectedToDate : null}
          tone={look.tone}
          label={t("progress.barLabel", {
            percent: formatCount(Math.min(999, (100 * chosen.window.actual) / roundTargetUp(chosen.window.target)), locale),
          })}
        />
      )}
      {chosen && <PaceNotes chosen={chosen} unit={progress.unit} cadence={progress.cadence} />}
      {/* Before the period starts there is nothing to compare: no "last four weeks: 0". */}
      {asOf >= period.start && <Trend days={days} asOf={minDate(asOf, period.end)} unit={progress.unit} />}
      <p className="commitment__organisations">
        {t("promisePage.responsible", {
          organisations: new Intl.ListFormat(locale, { type: "conjunction" }).format(commitment.organisations),
        })}
      </p>
    </li>
  );
}

function Figures({ chosen, unit, cadence, locale }: { chosen: ChosenWindow; unit: string; cadence: Cadence; locale: string }) {
  const { window, isRunning } = chosen;
  const actual = formatCount(window.actual, locale);
  const showExpected = isRunning && window.expectedToDate !== null;
  return (
    <p className="commitment__figures">
      {window.target === null ? (
        <Trans i18nKey="progress.actualOnly" values={{ actual, unit }} components={{ strong: <strong /> }} />
      ) : (
        <Trans i18nKey="progress.actualOfTarget" values={{ actual, target: formatTarget(window.target, locale), unit }} components={{ strong: <strong /> }} />
      )}
      {showExpected && <Trans i18nKey="progress.expectedSoFar" values={{ expected: formatTarget(window.expectedToDate ?? 0, locale) }} />}{" "}
      <span className="commitment__window">
        <WindowName chosen={chosen} cadence={cadence} sofar={!showExpected} />
      </span>
    </p>
  );
}

function Trend({ days, asOf, unit }: { days: readonly DailyTotal[] | undefined; asOf: string; unit: string }) {
  const { t, i18n } = useTranslation();
  if (!days) return <div className="commitment__trend commitment__trend--loading" />;
  const trend = recentTrend(days, asOf);
  const locale = localeOf(i18n.language);
  return (
    <div className="commitment__trend">
      <Suspense fallback={<div className="chart chart--spark" />}>
        <TrendChart weekly={trend.weekly} />
      </Suspense>
      <p>
        {t("trend.recent", { recent: formatCount(trend.recent, locale), previous: formatCount(trend.previous, locale), unit })}{" "}
        <span className={`trend trend--${trend.direction}`}>
          <span aria-hidden="true">{{ up: "↗", down: "↘", flat: "→" }[trend.direction]}</span> {t(`trend.${trend.direction}`)}
        </span>
      </p>
    </div>
  );
}
