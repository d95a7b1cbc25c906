import { can, todayInStockholm } from "@lofteskollen/domain";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/endpoints";
import { formatDateTime } from "../../app/date-time";
import { QueryState } from "../../app/query-state";
import { formatCount, localeOf } from "../progress/format";
import { useSignedInUser } from "../auth/signed-in-user";
import { CorrectActivity } from "./correct-activity";
import { commitmentQueries } from "./queries";
import { VoidActivity } from "./void-activity";

const COLUMNS = 6;

type Props = {
  commitmentId: number;
  organisations: readonly string[];
  /** The promise's period: a correction's date stays inside it (null while it loads: no corrections offered). */
  period: { start: string; end: string } | null;
};

/**
 * Every activity logged for the commitment, newest first, a page at a time; voided ones struck
 * through with the reason, corrected ones linked to their correction. Each row offers "Rätta"
 * and "Makulera" to whoever may.
 */
export function ActivityList({ commitmentId, organisations, period }: Props) {
  const { t, i18n } = useTranslation();
  const user = useSignedInUser();
  const locale = localeOf(i18n.language);
  const activities = useInfiniteQuery(commitmentQueries.activities(commitmentId));
  const items = activities.data?.pages.flatMap((page) => page.items) ?? [];
  const [correcting, setCorrecting] = useState<number | null>(null);
  const today = todayInStockholm();
  const dates = period ? { min: period.start, max: period.end < today ? period.end : today } : null;
  const loggableFor = organisations.filter((organisation) => can(user, "activity.log", [organisation]));

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
                const responsible = activity.organisation ? [activity.organisation] : organisations;
                const mayVoid = !voided && can(user, "activity.void", responsible);
                const mayCorrect = mayVoid && dates !== null && can(user, "activity.log", responsible);
                const voidedWords = {
                  reason: activity.voidReason ?? "",
                  by: activity.voidedBy ?? "",
                  at: formatDateTime(activity.voidedAt ?? "", i18n.language),
                };
                return (
                  <Fragment key={activity.id}>
                    <tr className={voided ? "activity--voided" : undefined} data-activity-id={activity.id}>
                      <th scope="row" data-label={t("activities.columns.date")}>
                        {/* One block: the card layout on a phone puts each child of the cell in its own grid cell. */}
                        <div>
                          {voided ? <del>{activity.localDate}</del> : activity.localDate}
                          {activity.demo && <span className="tag">{t("activities.demo")}</span>}
                          {voided && (
                            <p className="activity__void">
                              {activity.replacedById !== null
                                ? t("activities.corrected", { ...voidedWords, id: activity.replacedById })
                                : t("activities.voided", voidedWords)}
                            </p>
                          )}
                          {activity.replacesId !== null && (
                            <p className="activity__link">{t("activities.correction", { id: activity.id, original: activity.replacesId })}</p>
                          )}
                          {activity.replacedById !== null && <p className="activity__link">{t("activities.number", { id: activity.id })}</p>}
                          {activity.note && <p className="activity__note">{activity.note}</p>}
                        </div>
                      </th>
                      <td className="numeric" data-label={t("activities.columns.quantity")}>
                        {voided ? <del>{formatCount(activity.quantity, locale)}</del> : formatCount(activity.quantity, locale)}
                      </td>
                      <td data-label={t("activities.columns.organisation")}>{activity.organisation ?? "–"}</td>
                      <td data-label={t("activities.columns.place")}>{activity.place ?? "–"}</td>
                      <td data-label={t("activities.columns.loggedBy")}>
                        <div>
                          {activity.loggedBy}
                          <span className="records__aside">{formatDateTime(activity.createdAt, i18n.language)}</span>
                        </div>
                      </td>
                      <td className="records__actions">
                        {mayCorrect && correcting !== activity.id && (
                          <button type="button" className="button button--quiet button--small" onClick={() => setCorrecting(activity.id)}>
                            {t("correcting.open")}
                            <span className="visually-hidden">: {t("voiding.which", { date: activity.localDate, quantity: activity.quantity })}</span>
                          </button>
                        )}
                        {mayVoid && correcting !== activity.id && <VoidActivity activity={activity} />}
                      </td>
                    </tr>
                    {correcting === activity.id && dates && (
                      <tr className="activity-correction">
                        <td colSpan={COLUMNS}>
                          <CorrectActivity
                            activity={activity}
                            organisations={loggableFor}
                            dates={dates}
                            onDone={() => setCorrecting(null)}
                          />
                        </td>
                      </tr>
                    )}
                  </Fragment>
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
