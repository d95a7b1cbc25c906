import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCount, localeOf } from "../progress/format";
import { bucketLabel, TOOLTIP_ITEM_STYLE, TOOLTIP_LABEL_STYLE } from "./chart-format";
import type { Bucket } from "./series";

/** What was done per week or month, one bar each. */
export function ActivityBarsChart({ buckets, unitLabel }: { buckets: readonly Bucket[]; unitLabel: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const data = buckets.map((bucket) => ({ ...bucket, label: bucketLabel(bucket, locale, t) }));

  return (
    <div className="chart" data-chart="bars">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
          <XAxis dataKey="label" minTickGap={16} tick={{ fill: "var(--color-muted)", fontSize: 12 }} stroke="var(--chart-axis)" />
          <YAxis
            allowDecimals={false}
            width={48}
            tickFormatter={(value: number) => formatCount(value, locale)}
            tick={{ fill: "var(--color-muted)", fontSize: 12 }}
            stroke="var(--chart-axis)"
          />
          <Tooltip separator=": " itemStyle={TOOLTIP_ITEM_STYLE} labelStyle={TOOLTIP_LABEL_STYLE} formatter={(value) => [typeof value === "number" ? formatCount(value, locale) : String(value), unitLabel]} />
          <Bar dataKey="quantity" name={unitLabel} fill="var(--chart-bars)" isAnimationActive={false} radius={[3, 3, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
