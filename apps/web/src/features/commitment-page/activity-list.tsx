import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { can } from "@lofteskollen/domain";
import { api } from "../../api/endpoints";
import { formatDateTime } from "../../app/date-time";
import { QueryState } from "../../app/query-state";
import { formatCount, localeOf } from "../progress/format";
import { useSignedInUser } from "../auth/signed-in-user";
import { commitmentQueries } from "./queries";
import { VoidActivity } from "./void-activity";

/** Every activity logged for the commitment, newest first, a page at a time; voided ones struck through with the reason. */
export function ActivityList({ commitmentId, organisations }: { commitmentId: number; organisations: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const locale = localeOf(i18n.language);
  const activities = useInfiniteQuery(commitmentQueries.activities(commitmentId));
  const items = activities.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section aria-labelledby="activities-heading" className="section">
      <div className="section__head">
        <h3 id="activities-heading">{t("activities.heading")}</h3>
        <a className="button button--secondary button--small" href={api.commitments.activitiesCsvUrl(commitmentId)} download>
          {t("export.activitiesCsv")}
        </a>
      </div>
      <QueryState query={activities} loading={t("activities.loading")} error={t("activities.error")} />
      {activities.isSuccess && items.length === 0 && <p className="state">{t("activities.empty")}</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="records activity-table">
            <caption className="visually-hidden">{t("activities.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("activities.columns.date")}</th>
                <th scope="col" className="numeric">
                  {t("activities.columns.quantity")}
                </th>
                <th scope="col">{t("activities.columns.organisation")}</th>
                <th scope="col">{t("activities.columns.place")}</th>
                <th scope="col">{t("activities.columns.loggedBy")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("activities.columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((activity) => {
                const voided = activity.voidedAt !== null;
                return (
                  <tr key={activity.id} className={voided ? "activity--voided" : undefined} data-activity-id={activity.id}>
                    <th scope="row" data-label={t("activities.columns.date")}>
                      {voided ? <del>{activity.localDate}</del> : activity.localDate}
                      {activity.demo && <span className="tag">{t("activities.demo")}</span>}
                      {voided && (
                        <p className="activity__void">
                          {t("activities.voided", {
                            reason: activity.voidReason ?? "",
                            by: activity.voidedBy ?? "",
                            at: formatDateTime(activity.voidedAt ?? "", i18n.language),
                          })}
                        </p>
                      )}
                      {activity.note && <p className="activity__note">{activity.note}</p>}
                    </th>
                    <td className="numeric" data-label={t("activities.columns.quantity")}>{voided ? <del>{formatCount(activity.quantity, locale)}</del> : formatCount(activity.quantity, locale)}</td>
                    <td data-label={t("activities.columns.organisation")}>{activity.organisation ?? "–"}</td>
                    <td data-label={t("activities.columns.place")}>{activity.place ?? "–"}</td>
                    <td data-label={t("activities.columns.loggedBy")}>
                      {activity.loggedBy}
                      <span className="records__aside">{formatDateTime(activity.createdAt, i18n.language)}</span>
                    </td>
                    <td className="records__actions">
                      {!voided && can(user, "activity.void", activity.organisation ? [activity.organisation] : organisations) && (
                        <VoidActivity activity={activity} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {activities.hasNextPage && (
        <p className="more">
          <button type="button" className="button button--secondary" disabled={activities.isFetchingNextPage} onClick={() => void activities.fetchNextPage()}>
            {activities.isFetchingNextPage ? t("activities.loadingMore") : t("activities.more")}
          </button>
        </p>
      )}
      {items.length > 0 && (
        <p className="more__count" role="status">
          {t("activities.shown", { count: items.length })}
        </p>
      )}
    </section>
  );
}
