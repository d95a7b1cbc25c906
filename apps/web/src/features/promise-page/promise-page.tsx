import { can } from "@lofteskollen/domain";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { isNotFound } from "../../api/client";
import { api } from "../../api/endpoints";
import { NotFoundPage } from "../../app/not-found-page";
import { editPromisePath, idParam, PATHS, promisePath } from "../../app/paths";
import { useSignedInUser } from "../auth/signed-in-user";
import { RenewControl } from "../promise-renewal/renew-control";
import { ExportButton } from "../promise-transfer/export-button";
import { QueryState } from "../../app/query-state";
import { preloadCharts } from "../charts/lazy-charts";
import { countByStatus } from "../progress/format";
import { progressQueries } from "../progress/queries";
import { StatusBadge } from "../progress/status-badge";
import { StatusExplanation } from "../progress/status-explanation";
import { formatPeriod } from "../promises/period";
import { promiseQueries } from "../promises/queries";
import { PublishingPanel } from "../publishing/publishing-panel";
import { chosenWindow } from "../time-travel/chosen-window";
import { TimeTravelBar } from "../time-travel/time-travel-bar";
import { useViewParams } from "../time-travel/use-view-params";
import { viewSearch } from "../time-travel/view-params";
import { CommitmentCard } from "./commitment-card";
import { groupByTheme } from "./theme-groups";

/** `/loften/:promiseId`: every commitment of one promise, by theme, as it stood on the as-of date. */
export function PromisePage() {
  const promiseId = idParam(useParams().promiseId);
  if (promiseId === null) return <NotFoundPage />;
  return <PromiseView promiseId={promiseId} />;
}

function PromiseView({ promiseId }: { promiseId: number }) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  useEffect(preloadCharts.promisePage, []);
  const [params] = useSearchParams();
  const { asOf, isToday, window: choice } = useViewParams();
  const promise = useQuery(promiseQueries.detail(promiseId));
  const progress = useQuery(progressQueries.promise(promiseId, asOf));
  const dailyTotals = useQuery(progressQueries.dailyTotals(promiseId, asOf));
  const search = viewSearch(params, { keepWindow: true });

  if (isNotFound(promise.error)) {
    return <NotFoundPage />;
  }
  const title = promise.data?.title ?? t("promisePage.loadingTitle");
  const period = promise.data ? { start: promise.data.startDate, end: promise.data.endDate } : null;
  const groups = promise.data && progress.data ? groupByTheme(promise.data.themes, promise.data.commitments, progress.data.commitments) : [];
  const daysById = new Map(dailyTotals.data?.commitments.map((item) => [item.commitmentId, item.days]));
  const statuses =
    period && progress.data
      ? progress.data.commitments.map((item) => ({ status: chosenWindow(item, choice, period, asOf)?.status ?? item.status }))
      : [];

  return (
    <article className="panel page" aria-labelledby="promise-heading">
      <title>{t("app.pageTitle", { page: title })}</title>
      <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
        <Link to={`${PATHS.overview}${viewSearch(params, { keepWindow: false })}`}>{t("nav.overview")}</Link>
      </nav>
      <h2 id="promise-heading">{title}</h2>
      <QueryState query={promise} loading={t("promisePage.loading")} error={t("promisePage.error")} />
      {promise.data && (
        <>
          <p className="promise__tags">
            <span className="promise-card__area">{promise.data.area}</span>
            <span>{formatPeriod(promise.data)}</span>
            {promise.data.example && (
              <span className="tag tag--example">
                <span aria-hidden="true">⚠&nbsp;</span>
                <span>{t("promises.example")}</span>
              </span>
            )}
          </p>
          {(promise.data.predecessorId || promise.data.successorId) && (
            <nav className="toolbar promise__periods" aria-label={t("renewal.periodsLabel")}>
              {promise.data.predecessorId && (
                <Link className="text-link" to={promisePath(promise.data.predecessorId)}>
                  <span aria-hidden="true">←&nbsp;</span>
                  {t("renewal.previous")}
                </Link>
              )}
              {promise.data.successorId && (
                <Link className="text-link" to={promisePath(promise.data.successorId)}>
                  {t("renewal.next")}
                  <span aria-hidden="true">&nbsp;→</span>
                </Link>
              )}
            </nav>
          )}
          {can(user, "promise.write") && (
            <div className="toolbar promise__manage">
              <Link className="button button--secondary" to={editPromisePath(promise.data.id)}>
                {t("editor.editLink")}
              </Link>
              <ExportButton promise={promise.data} />
              <RenewControl key={promise.data.id} promise={promise.data} />
            </div>
          )}
          {promise.data.summary ? (
            <p className="page__intro">{promise.data.summary}</p>
          ) : (
            promise.data.example && <p className="promise__note">{t("promises.exampleExplanation")}</p>
          )}
          <PublishingPanel promise={promise.data} />
        </>
      )}
      <TimeTravelBar
        windowOptions={[
          { value: "current", label: t("timeTravel.currentAny") },
          { value: "period", label: t("timeTravel.wholePeriod") },
        ]}
      />
      <div className="toolbar">
        <a className="button button--secondary" href={api.promises.progressCsvUrl(promiseId, asOf)} download>
          {t("export.progressCsv")}
        </a>
      </div>
      <QueryState query={progress} loading={t("progress.loading")} error={t("progress.error")} />
      {progress.isSuccess && progress.data.commitments.length === 0 && <p className="state">{t("progress.empty")}</p>}
      {period && progress.isSuccess && groups.length > 0 && (
        <>
          <h3 className="visually-hidden">{t("progress.summaryLabel")}</h3>
          <ul className="status-summary" aria-label={t("progress.summaryLabel")}>
            {countByStatus(statuses).map(({ status, count }) => (
              <li key={status}>
                <StatusBadge status={status} /> <span className="status-summary__count">{count}</span>
              </li>
            ))}
          </ul>
          <p className="overview__legend">{t(isToday ? "progress.legend" : "progress.legendPast", { date: asOf })}</p>
          {dailyTotals.isError && <p className="state state--error">{t("promisePage.trendsError")}</p>}
          {groups.map((group) => (
            <section key={group.theme ?? ""} className="theme-group" aria-labelledby={`theme-${group.theme ?? "none"}`}>
              <h3 id={`theme-${group.theme ?? "none"}`} className="theme-group__heading">
                {group.theme ?? t("promisePage.noTheme")}
              </h3>
              <ul className="commitments" aria-label={t("promisePage.themeCommitments", { theme: group.theme ?? t("promisePage.noTheme") })}>
                {group.items.map((item) => (
                  <CommitmentCard
                    key={item.commitment.id}
                    item={item}
                    period={period}
                    asOf={asOf}
                    choice={choice}
                    days={daysById.get(item.commitment.id) ?? (dailyTotals.isError ? [] : undefined)}
                    search={search}
                  />
                ))}
              </ul>
            </section>
          ))}
          <StatusExplanation />
        </>
      )}
    </article>
  );
}
