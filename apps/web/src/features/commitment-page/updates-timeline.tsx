import { can } from "@lofteskollen/domain";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../app/query-state";
import { useSignedInUser } from "../auth/signed-in-user";
import { UpdatePublicToggle } from "../publishing/update-public-toggle";
import { commitmentQueries } from "./queries";
import { UpdateForm } from "./update-form";

/** The lägesrapporter, newest first: what happened, in words, and whether citizens see it. */
export function UpdatesTimeline({
  promiseId,
  commitmentId,
  organisations,
  period,
}: {
  promiseId: number;
  commitmentId: number;
  organisations: readonly string[];
  period: { start: string; end: string } | null;
}) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const updates = useQuery(commitmentQueries.updates(commitmentId));
  // Who may publish may also choose which lägesrapporter the public page shows (the API agrees).
  const mayPublish = can(user, "promise.write");
  const items = (updates.data ?? []).toSorted((a, b) => b.date.localeCompare(a.date) || b.id - a.id);

  return (
    <section aria-labelledby="updates-heading" className="section">
      <h3 id="updates-heading">{t("updates.heading")}</h3>
      {period && can(user, "update.write", organisations) && <UpdateForm commitmentId={commitmentId} period={period} />}
      <QueryState query={updates} loading={t("updates.loading")} error={t("updates.error")} />
      {updates.isSuccess && items.length === 0 && <p className="state">{t("updates.empty")}</p>}
      {items.length > 0 && (
        <ol className="timeline">
          {items.map((update) => (
            <li key={update.id} className="timeline__item">
              <p className="timeline__meta">
                <time dateTime={update.date}>{update.date}</time>
                {mayPublish ? (
                  <UpdatePublicToggle update={update} promiseId={promiseId} />
                ) : (
                  <span className={`tag ${update.public ? "tag--ongoing" : "tag--ended"}`}>
                    <span aria-hidden="true">{update.public ? "◉" : "○"}&nbsp;</span>
                    {t(update.public ? "updates.public" : "updates.internal")}
                  </span>
                )}
                <span className="records__aside">{t("updates.by", { name: update.createdBy })}</span>
              </p>
              <p className="timeline__text">{update.text}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
