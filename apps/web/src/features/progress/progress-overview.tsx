import type { PromiseSummary } from "@lofteskollen/contracts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../app/query-state";
import { CommitmentItem } from "./commitment-item";
import { countByStatus, STATUS_ORDER, statusLook } from "./format";
import { progressQueries } from "./queries";
import { StatusBadge } from "./status-badge";

type ProgressOverviewProps = {
  promise: Pick<PromiseSummary, "id" | "title" | "example">;
  asOf: string;
  /** Whether `asOf` is today (the heading then says so). */
  isToday: boolean;
};

/** Every commitment of one promise as it stands on `asOf`: status, count against target, pace. */
export function ProgressOverview({ promise, asOf, isToday }: ProgressOverviewProps) {
  const { t } = useTranslation();
  const progress = useQuery(progressQueries.promise(promise.id, asOf));

  return (
    <section id="overview" className="panel overview" aria-labelledby="overview-heading" tabIndex={-1}>
      <h2 id="overview-heading">{t("progress.heading")}</h2>
      <p className="overview__promise">
        {promise.title}
        {promise.example && (
          <>
            {" "}
            <span className="tag tag--example">
              <span aria-hidden="true">⚠&nbsp;</span>
              <span>{t("promises.example")}</span>
            </span>
          </>
        )}
      </p>
      <p className="overview__date">{t(isToday ? "progress.asOf" : "progress.asOfPast", { date: asOf })}</p>

      <QueryState query={progress} loading={t("progress.loading")} error={t("progress.error")} />
      {progress.isSuccess && progress.data.commitments.length === 0 && <p className="state">{t("progress.empty")}</p>}
      {progress.isSuccess && progress.data.commitments.length > 0 && (
        <>
          <ul className="status-summary" aria-label={t("progress.summaryLabel")}>
            {countByStatus(progress.data.commitments).map(({ status, count }) => (
              <li key={status}>
                <StatusBadge status={status} /> <span className="status-summary__count">{count}</span>
              </li>
            ))}
          </ul>
          <p className="overview__legend">{t("progress.legend")}</p>
          <ul className="commitments" aria-label={t("progress.commitmentsLabel")}>
            {progress.data.commitments.map((commitment) => (
              <CommitmentItem key={commitment.commitmentId} commitment={commitment} asOf={progress.data.asOf} />
            ))}
          </ul>
          <details className="explain">
            <summary>{t("progress.explainHeading")}</summary>
            <dl>
              {STATUS_ORDER.map((status) => (
                <div key={status} className="explain__row">
                  <dt>
                    <span aria-hidden="true">{statusLook(status).icon}</span> {t(statusLook(status).labelKey)}
                  </dt>
                  <dd>{t(`progress.explain.${status}`)}</dd>
                </div>
              ))}
            </dl>
          </details>
        </>
      )}
    </section>
  );
}
