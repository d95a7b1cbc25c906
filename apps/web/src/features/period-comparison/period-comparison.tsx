import type { Commitment, PromiseDetail } from "@lofteskollen/contracts";
import { minDate } from "@lofteskollen/domain";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { commitmentPath } from "../../app/paths";
import { ChartFrame } from "../charts/chart-frame";
import { BurnupChart } from "../charts/lazy-charts";
import { burnupSeries, thinOut } from "../charts/series";
import { formatCount, formatTarget, localeOf } from "../progress/format";
import { progressQueries } from "../progress/queries";
import { StatusBadge } from "../progress/status-badge";
import { promiseQueries } from "../promises/queries";
import { continuingCommitment } from "./continuing";

type Role = "previous" | "current" | "next";
type Period = { role: Role; promise: PromiseDetail; commitment: Commitment };

/**
 * A commitment that continues from the promise's previous period, or into its next (issue 7,
 * "Förnya löftet"): the periods side by side, each with its goal, what was done, its status and
 * its burn-up chart, oldest first. Nothing when no other period has the commitment.
 */
export function PeriodComparison({ promise, commitment, asOf }: { promise: PromiseDetail; commitment: Commitment; asOf: string }) {
  const { t } = useTranslation();
  const previous = useQuery({ ...promiseQueries.detail(promise.predecessorId ?? 0), enabled: promise.predecessorId !== null });
  const next = useQuery({ ...promiseQueries.detail(promise.successorId ?? 0), enabled: promise.successorId !== null });

  const periods: Period[] = [];
  const previousCommitment = previous.data ? continuingCommitment(commitment, previous.data.commitments) : null;
  if (previous.data && previousCommitment) periods.push({ role: "previous", promise: previous.data, commitment: previousCommitment });
  periods.push({ role: "current", promise, commitment });
  const nextCommitment = next.data ? continuingCommitment(commitment, next.data.commitments) : null;
  if (next.data && nextCommitment) periods.push({ role: "next", promise: next.data, commitment: nextCommitment });
  if (periods.length < 2) return null;

  return (
    <section aria-labelledby="periods-heading" className="section periods">
      <h3 id="periods-heading">{t("periodComparison.heading")}</h3>
      <p className="field__hint">{t(previousCommitment ? "periodComparison.introPrevious" : "periodComparison.introNext")}</p>
      <div className="periods__grid">
        {periods.map((period) => (
          <PeriodCard key={period.promise.id} period={period} asOf={asOf} />
        ))}
      </div>
    </section>
  );
}

function PeriodCard({ period, asOf }: { period: Period; asOf: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const { role, promise, commitment } = period;
  const started = asOf >= promise.startDate;
  // A period that has ended is shown as it ended; the chosen date never reaches past it.
  const periodAsOf = minDate(asOf, promise.endDate);
  const progress = useQuery({ ...progressQueries.promise(promise.id, periodAsOf), enabled: started });
  const dailyTotals = useQuery({ ...progressQueries.dailyTotals(promise.id, periodAsOf), enabled: started });
  // (The page's own query may hold this period's figures even before it starts: not shown then.)
  const figures = started ? progress.data?.commitments.find((item) => item.commitmentId === commitment.id) : undefined;
  const days = dailyTotals.data?.commitments.find((item) => item.commitmentId === commitment.id)?.days;
  const headingId = `period-${promise.id}-heading`;
  const goal =
    commitment.target === null
      ? t("commitmentPage.noGoal")
      : t(`commitmentPage.goalPer.${commitment.cadence}`, { target: formatTarget(commitment.target, locale), unit: commitment.unit });

  return (
    <article className={`period-card period-card--${role}`} aria-labelledby={headingId}>
      <h4 id={headingId} className="period-card__title">
        {t(`periodComparison.${role}`)}
        <span className="period-card__dates">
          {promise.startDate} – {promise.endDate}
        </span>
      </h4>
      <p className="period-card__goal">{goal}</p>
      {!started && <p className="state">{t("periodComparison.notStarted", { date: promise.startDate })}</p>}
      {started && (progress.isError || dailyTotals.isError) && <p className="state state--error">{t("progress.error")}</p>}
      {started && !progress.isError && !figures && <p className="state" role="status">{t("progress.loading")}</p>}
      {figures && (
        <>
          <StatusBadge status={figures.status} />
          <dl className="facts period-card__facts">
            <div>
              <dt>{t("periodComparison.done", { date: periodAsOf })}</dt>
              <dd>
                {formatCount(figures.total.actual, locale)} {commitment.unit}
              </dd>
            </div>
            {figures.total.target !== null && (
              <div>
                <dt>{t("periodComparison.periodTarget")}</dt>
                <dd>
                  {formatTarget(figures.total.target, locale)} {commitment.unit}
                </dd>
              </div>
            )}
          </dl>
          {days && (
            <ChartFrame
              title={t("charts.burnupTitle", { window: `${promise.startDate} – ${promise.endDate}` })}
              description={
                figures.total.target === null
                  ? t("charts.describeActual", { actual: formatCount(figures.total.actual, locale), unit: commitment.unit })
                  : t("charts.describeTarget", {
                      actual: formatCount(figures.total.actual, locale),
                      target: formatTarget(figures.total.target, locale),
                      unit: commitment.unit,
                    })
              }
              fileName={`ataganden-${commitment.id}-${promise.startDate}-${promise.endDate}`}
            >
              <BurnupChart
                points={thinOut(burnupSeries({ start: promise.startDate, end: promise.endDate, windows: figures.windows, days, asOf: periodAsOf }), periodAsOf)}
                asOf={periodAsOf}
                target={figures.total.target}
              />
            </ChartFrame>
          )}
        </>
      )}
      {role !== "current" && (
        <p>
          <Link to={commitmentPath(promise.id, commitment.id)}>{t("periodComparison.open", { title: commitment.title })}</Link>
        </p>
      )}
    </article>
  );
}
