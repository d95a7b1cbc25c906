import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { can } from "@lofteskollen/domain";
import { Link, useSearchParams } from "react-router";
import { PATHS } from "../../app/paths";
import { useSignedInUser } from "../auth/signed-in-user";
import { QueryState } from "../../app/query-state";
import { progressQueries } from "../progress/queries";
import { promiseQueries } from "../promises/queries";
import { TimeTravelBar } from "../time-travel/time-travel-bar";
import { useViewParams } from "../time-travel/use-view-params";
import { viewSearch } from "../time-travel/view-params";
import { OverviewFilters } from "./overview-filters";
import { overviewCards, readOverviewFilters } from "./overview-model";
import { PromiseCard } from "./promise-card";

/** `/`: every promise the user may see, worst first, as it stood on the as-of date. */
export function OverviewPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const [params, setParams] = useSearchParams();
  const { asOf } = useViewParams();
  const filters = readOverviewFilters(params);
  const promises = useQuery(promiseQueries.list());
  const summary = useQuery(progressQueries.summary(asOf));

  const countsById = new Map(summary.data?.promises.map((item) => [item.promiseId, item.statusCounts]));
  const cards = promises.isSuccess
    ? overviewCards(
        promises.data.map((promise) => ({ ...promise, statusCounts: countsById.get(promise.id) ?? null })),
        filters,
      )
    : [];
  const search = viewSearch(params, { keepWindow: true });

  return (
    <section className="panel page" aria-labelledby="overview-heading">
      <title>{t("app.pageTitle", { page: t("overview.heading") })}</title>
      <h2 id="overview-heading">{t("overview.heading")}</h2>
      <p className="page__intro">{t("overview.intro")}</p>
      {can(user, "promise.write") && (
        <p className="toolbar">
          <Link className="button" to={PATHS.newPromise}>
            {t("editor.newLink")}
          </Link>
          <Link className="button button--secondary" to={PATHS.importPromise}>
            {t("transfer.importLink")}
          </Link>
        </p>
      )}
      <div className="controls">
        <TimeTravelBar />
        {promises.isSuccess && promises.data.length > 0 && <OverviewFilters promises={promises.data} />}
      </div>
      <QueryState query={promises} loading={t("promises.loading")} error={t("promises.error")} />
      <QueryState query={summary} loading={t("overview.countsLoading")} error={t("overview.countsError")} />
      {promises.isSuccess && promises.data.length === 0 && <p className="state">{t("promises.empty")}</p>}
      {promises.isSuccess && promises.data.length > 0 && (
        <>
          <p className="overview__shown" role="status">
            {t("overview.shown", { count: cards.length, total: promises.data.length })}
          </p>
          {cards.length > 0 ? (
            <ul className="promise-cards" aria-label={t("overview.cardsLabel")}>
              {cards.map((promise) => (
                <PromiseCard key={promise.id} promise={promise} asOf={asOf} search={search} />
              ))}
            </ul>
          ) : (
            <p className="state">{t("overview.noMatch")}</p>
          )}
        </>
      )}
    </section>
  );
}
