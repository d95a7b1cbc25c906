import type { PromiseSummary } from "@lofteskollen/contracts";
import { useTranslation } from "react-i18next";
import { formatPeriod, periodPhase } from "./period";

type PromiseListProps = {
  promises: readonly PromiseSummary[];
  today: string;
  /** The promise whose progress the page shows. */
  featuredId: number | null;
};

export function PromiseList({ promises, today, featuredId }: PromiseListProps) {
  const { t } = useTranslation();
  if (promises.length === 0) return <p className="state">{t("promises.empty")}</p>;

  return (
    <ul className="promises">
      {promises.map((promise) => {
        const phase = periodPhase(promise, today);
        return (
          <li key={promise.id} className={`promise${promise.id === featuredId ? " promise--featured" : ""}`}>
            <h3 className="promise__title">{promise.title}</h3>
            <dl className="promise__facts">
              <div>
                <dt>{t("promises.area")}</dt>
                <dd>{promise.area}</dd>
              </div>
              <div>
                <dt>{t("promises.period")}</dt>
                <dd>{formatPeriod(promise)}</dd>
              </div>
            </dl>
            <p className="promise__tags">
              <span className={`tag tag--${phase}`}>{t(`promises.phase.${phase}`)}</span>
              {promise.example && (
                <span className="tag tag--example">
                  <span aria-hidden="true">⚠&nbsp;</span>
                  <span>{t("promises.example")}</span>
                </span>
              )}
            </p>
            {promise.example && <p className="promise__note">{t("promises.exampleExplanation")}</p>}
            {promise.id === featuredId && (
              <p>
                <a className="text-link" href="#overview">
                  {t("promises.followedUp")}
                </a>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
