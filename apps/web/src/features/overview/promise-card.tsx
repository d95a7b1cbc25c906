import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { promisePath } from "../../app/paths";
import { StatusBadge } from "../progress/status-badge";
import { STATUS_ORDER } from "../progress/format";
import { periodPhase } from "../promises/period";
import type { PromiseCardModel } from "./overview-model";
import { PeriodTimeline } from "./period-timeline";

/** One promise on the overview: where it is, its period, and how its commitments stand, worst first. */
export function PromiseCard({ promise, asOf, search }: { promise: PromiseCardModel; asOf: string; search: string }) {
  const { t } = useTranslation();
  const phase = periodPhase(promise, asOf);
  const headingId = `promise-card-${promise.id}`;
  const counts = promise.statusCounts;
  const total = counts ? STATUS_ORDER.reduce((sum, status) => sum + counts[status], 0) : 0;

  return (
    <li className="promise-card" aria-labelledby={headingId}>
      <h3 id={headingId} className="promise-card__title">
        <Link to={`${promisePath(promise.id)}${search}`}>{promise.title}</Link>
      </h3>
      <p className="promise__tags">
        <span className="promise-card__area">{promise.area}</span>
        <span className={`tag tag--${phase}`}>{t(`promises.phase.${phase}`)}</span>
        {promise.status !== "published" && <span className="tag">{t(`promises.status.${promise.status}`)}</span>}
        {promise.example && (
          <span className="tag tag--example">
            <span aria-hidden="true">⚠&nbsp;</span>
            <span>{t("promises.example")}</span>
          </span>
        )}
      </p>
      <PeriodTimeline period={promise} asOf={asOf} />
      {counts === null ? (
        <p className="state">{t("overview.countsMissing")}</p>
      ) : (
        <>
          <p className="promise-card__count">{t("overview.commitmentCount", { count: total })}</p>
          <ul className="status-summary" aria-label={t("overview.statusCountsLabel", { title: promise.title })}>
            {STATUS_ORDER.filter((status) => counts[status] > 0).map((status) => (
              <li key={status}>
                <StatusBadge status={status} /> <span className="status-summary__count">{counts[status]}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </li>
  );
}
