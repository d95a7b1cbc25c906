import { daysInclusive } from "@lofteskollen/domain";
import { useTranslation } from "react-i18next";
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, localeOf } from "../progress/format";
import { formatAxisDate, formatTooltipDate, TOOLTIP_ITEM_STYLE, TOOLTIP_LABEL_STYLE } from "./chart-format";
import type { BurnupPoint } from "./series";

type BurnupChartProps = {
  points: readonly BurnupPoint[];
  asOf: string;
  /** The window's target, drawn as a level line; null without one. */
  target: number | null;
};

/** Cumulative actual against the target's pace line and the forecast, with the as-of date marked. */
export function BurnupChart({ points, asOf, target }: BurnupChartProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const first = points[0]?.date;
  const last = points.at(-1)?.date;
  const showAsOf = first !== undefined && last !== undefined && first <= asOf && asOf <= last;
  // Over more than a year the ticks name months and years, not days.
  const longRange = first !== undefined && last !== undefined && daysInclusive(first, last) > 370;
  // A range that has ended (or not begun) has no forecast: no line, and none in the legend.
  const hasForecast = points.some((point) => point.forecast !== null);
  // The marker's label goes on the side with room: left of the line in the range's second half.
  const asOfIndex = points.findIndex((point) => point.date === asOf);
  const labelSide = asOfIndex > points.length / 2 ? "insideTopRight" : "insideTopLeft";

  return (
    <div className="chart" data-chart="burnup">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points as BurnupPoint[]} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis
            dataKey="date"
            tickFormatter={(date: string) => formatAxisDate(date, locale, { longRange })}
            minTickGap={28}
            tick={{ fill: "var(--color-muted)", fontSize: 12 }}
            stroke="var(--chart-axis)"
          />
          <YAxis
            domain={[0, "auto"]}
            allowDecimals={false}
            width={48}
            tickFormatter={(value: number) => formatCount(value, locale)}
            tick={{ fill: "var(--color-muted)", fontSize: 12 }}
            stroke="var(--chart-axis)"
          />
          <Tooltip
            separator=": "
            itemStyle={TOOLTIP_ITEM_STYLE}
            labelStyle={TOOLTIP_LABEL_STYLE}
            labelFormatter={(date) => formatTooltipDate(String(date), locale)}
            formatter={(value) => (typeof value === "number" ? formatCount(value, locale) : String(value))}
          />
          <Legend wrapperStyle={{ fontSize: 13 }} formatter={(value) => <span style={TOOLTIP_ITEM_STYLE}>{value}</span>} />
          {target !== null && (
            <ReferenceLine y={target} stroke="var(--chart-target)" strokeDasharray="2 4" ifOverflow="extendDomain" />
          )}
          {showAsOf && (
            <ReferenceLine
              x={asOf}
              stroke="var(--chart-axis)"
              label={{ value: t("charts.asOfMarker"), position: labelSide, fill: "var(--color-muted)", fontSize: 12 }}
            />
          )}
          {target !== null && (
            <Line
              name={t("charts.pace")}
              dataKey="pace"
              stroke="var(--chart-pace)"
              strokeDasharray="6 4"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          )}
          {hasForecast && (
            <Line
              name={t("charts.forecast")}
              dataKey="forecast"
              stroke="var(--chart-forecast)"
              strokeDasharray="1 4"
              strokeLinecap="round"
              strokeWidth={3}
              dot={false}
              isAnimationActive={false}
              connectNulls={false}
            />
          )}
          <Line
            name={t("charts.actual")}
            dataKey="actual"
            // A count goes up on the day something is done, not gradually through the day before.
            type="stepAfter"
            stroke="var(--chart-actual)"
            strokeWidth={3}
            dot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
