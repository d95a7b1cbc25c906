import type { Commitment, CommitmentProgress, DailyTotal, PromiseDetail } from "@lofteskollen/contracts";
import { minDate } from "@lofteskollen/domain";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { isNotFound } from "../../api/client";
import { NotFoundPage } from "../../app/not-found-page";
import { idParam, PATHS, promisePath } from "../../app/paths";
import { QueryState } from "../../app/query-state";
import { ChartFrame } from "../charts/chart-frame";
import { ActivityBarsChart, BurnupChart, preloadCharts } from "../charts/lazy-charts";
import { bucketTotals, bucketUnitFor, burnupSeries, thinOut } from "../charts/series";
import { formatCount, formatTarget, localeOf, windowLabel } from "../progress/format";
import { progressQueries } from "../progress/queries";
import { StatusBadge } from "../progress/status-badge";
import { promiseQueries } from "../promises/queries";
import { PeriodComparison } from "../period-comparison/period-comparison";
import { PaceNotes } from "../promise-page/pace-notes";
import { type ChosenWindow, chosenWindow, type Period, windowOptions } from "../time-travel/chosen-window";
import { TimeTravelBar } from "../time-travel/time-travel-bar";
import { useViewParams } from "../time-travel/use-view-params";
import { viewSearch } from "../time-travel/view-params";
import { ActivityList } from "./activity-list";
import { KeyFigures } from "./key-figures";
import { OrganisationBreakdown } from "./organisation-breakdown";
import { UpdatesTimeline } from "./updates-timeline";

/** `/loften/:promiseId/ataganden/:commitmentId`: one commitment in depth. */
export function CommitmentPage() {
  const params = useParams();
  const promiseId = idParam(params.promiseId);
  const commitmentId = idParam(params.commitmentId);
  if (promiseId === null || commitmentId === null) return <NotFoundPage />;
  return <CommitmentView promiseId={promiseId} commitmentId={commitmentId} />;
}

function CommitmentView({ promiseId, commitmentId }: { promiseId: number; commitmentId: number }) {
  const { t, i18n } = useTranslation();
  useEffect(preloadCharts.commitmentPage, []);
  const [params] = useSearchParams();
  const { asOf, window: choice } = useViewParams();
  const promise = useQuery(promiseQueries.detail(promiseId));
  const progress = useQuery(progressQueries.promise(promiseId, asOf));
  const dailyTotals = useQuery(progressQueries.dailyTotals(promiseId, asOf));

  const commitment = promise.data?.commitments.find((item) => item.id === commitmentId);
  const commitmentProgress = progress.data?.commitments.find((item) => item.commitmentId === commitmentId);
  if (isNotFound(promise.error) || (promise.isSuccess && !commitment)) return <NotFoundPage />;

  const title = commitment?.title ?? t("commitmentPage.loadingTitle");
  const period = promise.data ? { start: promise.data.startDate, end: promise.data.endDate } : null;
  const chosen = period && commitmentProgress ? chosenWindow(commitmentProgress, choice, period, asOf) : null;
  const days = dailyTotals.data?.commitments.find((item) => item.commitmentId === commitmentId)?.days;
  const back = viewSearch(params, { keepWindow: true });

  return (
    <article className="panel page" aria-labelledby="commitment-heading">
      <title>{t("app.pageTitle", { page: title })}</title>
      <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
        <Link to={`${PATHS.overview}${viewSearch(params, { keepWindow: false })}`}>{t("nav.overview")}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`${promisePath(promiseId)}${back}`}>{promise.data?.title ?? t("promisePage.loadingTitle")}</Link>
      </nav>
      <div className="commitment-page__head">
        <h2 id="commitment-heading">{title}</h2>
        {commitmentProgress && chosen && (
          <StatusBadge status={chosen.status} />
        )}
      </div>
      <QueryState query={promise} loading={t("commitmentPage.loading")} error={t("commitmentPage.error")} />
      {commitment && promise.data && <About commitment={commitment} promise={promise.data} />}
      <TimeTravelBar windowOptions={commitmentProgress ? windowOptions(commitmentProgress, t, localeOf(i18n.language)) : undefined} />
      <QueryState query={progress} loading={t("progress.loading")} error={t("progress.error")} />
      {commitment && promise.data && commitmentProgress && chosen && period && (
        <>
          <section aria-labelledby="figures-heading" className="section">
            <h3 id="figures-heading">{t("commitmentPage.figuresHeading")}</h3>
            <KeyFigures chosen={chosen} progress={commitmentProgress} />
            <PaceNotes chosen={chosen} unit={commitmentProgress.unit} cadence={commitmentProgress.cadence} />
          </section>
          <Charts
            commitment={commitment}
            progress={commitmentProgress}
            chosen={chosen}
            period={period}
            asOf={asOf}
            days={days}
            daysError={dailyTotals.isError}
          />
          <PeriodComparison promise={promise.data} commitment={commitment} asOf={asOf} />
          {/* Before the window starts there is nothing to break down (and "from" would be after "to"). */}
          {asOf >= chosen.window.start && (
            <OrganisationBreakdown commitmentId={commitmentId} from={chosen.window.start} to={minDate(chosen.window.end, asOf)} unit={commitment.unit} />
          )}
        </>
      )}
      <ActivityList commitmentId={commitmentId} organisations={commitment?.organisations ?? []} period={period} />
      <UpdatesTimeline promiseId={promiseId} commitmentId={commitmentId} organisations={commitment?.organisations ?? []} period={period} />
    </article>
  );
}

function About({ commitment, promise }: { commitment: Commitment; promise: PromiseDetail }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return (
    <div className="commitment-page__about">
      {commitment.description && <p className="page__intro">{commitment.description}</p>}
      <dl className="facts">
        <div>
          <dt>{t("commitmentPage.goal")}</dt>
          <dd>
            {commitment.target === null
              ? t("commitmentPage.noGoal")
              : t(`commitmentPage.goalPer.${commitment.cadence}`, {
                  target: new Intl.NumberFormat(locale).format(commitment.target),
                  unit: commitment.unit,
                })}
          </dd>
        </div>
        {commitment.theme && (
          <div>
            <dt>{t("commitmentPage.theme")}</dt>
            <dd>{commitment.theme}</dd>
          </div>
        )}
        <div>
          <dt>{t("commitmentPage.responsible")}</dt>
          <dd>{new Intl.ListFormat(locale, { type: "conjunction" }).format(commitment.organisations)}</dd>
        </div>
        <div>
          <dt>{t("promises.period")}</dt>
          <dd>
            {promise.startDate} – {promise.endDate}
          </dd>
        </div>
      </dl>
    </div>
  );
}

type ChartsProps = {
  commitment: Commitment;
  progress: CommitmentProgress;
  chosen: ChosenWindow;
  period: Period;
  asOf: string;
  days: readonly DailyTotal[] | undefined;
  daysError: boolean;
};

function Charts({ commitment, progress, chosen, period, asOf, days, daysError }: ChartsProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  if (daysError) return <p className="state state--error">{t("charts.error")}</p>;
  if (!days) return <p className="state" role="status">{t("charts.loading")}</p>;

  const window = chosen.window;
  const windowName = chosen.kind === "period" ? t("window.period") : windowLabel(progress.cadence, window, t, locale);
  const windowsInside = chosen.kind === "period" ? progress.windows : [window];
  const windowPoints = thinOut(burnupSeries({ start: window.start, end: window.end, windows: windowsInside, days, asOf }), asOf);
  const periodPoints = thinOut(burnupSeries({ start: period.start, end: period.end, windows: progress.windows, days, asOf }), asOf);
  const unit = bucketUnitFor(window.start, window.end);
  const buckets = bucketTotals(days, window.start, window.end, asOf, unit);
  const slug = `ataganden-${commitment.id}-${asOf}`;
  const describe = (target: number | null, actual: number) =>
    target === null
      ? t("charts.describeActual", { actual: formatCount(actual, locale), unit: commitment.unit })
      : t("charts.describeTarget", { actual: formatCount(actual, locale), target: formatTarget(target, locale), unit: commitment.unit });

  return (
    <section aria-labelledby="charts-heading" className="section charts">
      <h3 id="charts-heading">{t("charts.heading")}</h3>
      <div className="charts__grid">
        <ChartFrame title={t("charts.burnupTitle", { window: windowName })} description={describe(window.target, window.actual)} fileName={`${slug}-${window.start}`}>
          <BurnupChart points={windowPoints} asOf={asOf} target={window.target} />
        </ChartFrame>
        {chosen.kind !== "period" && (
          <ChartFrame
            title={t("charts.burnupTitle", { window: t("window.period") })}
            description={describe(progress.total.target, progress.total.actual)}
            fileName={`${slug}-hela-perioden`}
          >
            <BurnupChart points={periodPoints} asOf={asOf} target={progress.total.target} />
          </ChartFrame>
        )}
        <ChartFrame
          title={t(unit === "week" ? "charts.perWeekTitle" : "charts.perMonthTitle", { window: windowName })}
          description={t("charts.describeBars", {
            count: buckets.length,
            busiest: formatCount(Math.max(0, ...buckets.map((bucket) => bucket.quantity)), locale),
            unit: commitment.unit,
          })}
          fileName={`${slug}-${unit === "week" ? "per-vecka" : "per-manad"}`}
        >
          <ActivityBarsChart buckets={buckets} unitLabel={commitment.unit} />
        </ChartFrame>
      </div>
    </section>
  );
}
