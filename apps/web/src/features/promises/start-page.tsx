import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../app/query-state";
import { ProgressOverview } from "../progress/progress-overview";
import { pickFeaturedPromise } from "./period";
import { PromiseList } from "./promise-list";
import { promiseQueries } from "./queries";

export function StartPage({ today }: { today: string }) {
  const { t } = useTranslation();
  const promises = useQuery(promiseQueries.list());
  const featured = promises.isSuccess ? pickFeaturedPromise(promises.data, today) : null;

  return (
    <div className="layout">
      {featured && <ProgressOverview promise={featured} asOf={today} isToday />}
      <section className="panel promises-panel" aria-labelledby="promises-heading">
        <h2 id="promises-heading">{t("promises.heading")}</h2>
        <QueryState query={promises} loading={t("promises.loading")} error={t("promises.error")} />
        {promises.isSuccess && <PromiseList promises={promises.data} today={today} featuredId={featured?.id ?? null} />}
      </section>
    </div>
  );
}
