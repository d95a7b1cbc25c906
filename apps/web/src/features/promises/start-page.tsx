import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
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
        {promises.isPending && (
          <p className="state" role="status">
            {t("promises.loading")}
          </p>
        )}
        {promises.isError && (
          <div className="state state--error" role="alert">
            <p>{t("promises.error")}</p>
            <p>{errorMessage(promises.error, t)}</p>
            <button type="button" className="button" onClick={() => void promises.refetch()}>
              {t("errors.retry")}
            </button>
          </div>
        )}
        {promises.isSuccess && <PromiseList promises={promises.data} today={today} featuredId={featured?.id ?? null} />}
      </section>
    </div>
  );
}
