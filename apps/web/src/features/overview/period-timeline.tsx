import type { PromiseSummary } from "@lofteskollen/contracts";
import { daysInclusive } from "@lofteskollen/domain";
import { useTranslation } from "react-i18next";
import { formatPeriod } from "../promises/period";
import { shareOfPeriodElapsed } from "./overview-model";

/** The promise period as a line with a marker for the as-of date, and the same in words. */
export function PeriodTimeline({ period, asOf }: { period: Pick<PromiseSummary, "startDate" | "endDate">; asOf: string }) {
  const { t } = useTranslation();
  const share = shareOfPeriodElapsed(period, asOf);
  const total = daysInclusive(period.startDate, period.endDate);
  const words =
    share === null
      ? t(asOf < period.startDate ? "overview.periodNotStarted" : "overview.periodEnded")
      : t("overview.periodDay", { day: daysInclusive(period.startDate, asOf), total });
  return (
    <div className="period-timeline">
      <p className="period-timeline__dates">
        {formatPeriod(period)} <span className="period-timeline__words">· {words}</span>
      </p>
      <div className="period-timeline__track" aria-hidden="true">
        <div className="period-timeline__elapsed" style={{ width: `${(share ?? (asOf > period.endDate ? 1 : 0)) * 100}%` }} />
        {share !== null && <div className="period-timeline__marker" style={{ left: `${share * 100}%` }} />}
      </div>
    </div>
  );
}
