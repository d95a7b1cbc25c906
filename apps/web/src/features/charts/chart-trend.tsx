import { Bar, BarChart, ResponsiveContainer, XAxis, YAxis } from "recharts";

/** A small bar chart of the last weeks' counts, beside words that say the same (the chart is decoration). */
export function TrendChart({ weekly }: { weekly: readonly number[] }) {
  const data = weekly.map((quantity, index) => ({ index, quantity }));
  return (
    <div className="chart chart--spark" aria-hidden="true" data-chart="trend">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 2, right: 0, bottom: 0, left: 0 }} accessibilityLayer={false}>
          <XAxis dataKey="index" hide />
          <YAxis hide domain={[0, (max: number) => Math.max(1, max)]} />
          <Bar dataKey="quantity" fill="var(--chart-bars)" isAnimationActive={false} radius={[2, 2, 0, 0]} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
