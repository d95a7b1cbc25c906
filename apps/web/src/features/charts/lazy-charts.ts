import { lazy } from "react";

// Recharts is the heaviest library of the app: the charts load with the pages that draw them,
// never with the overview (docs/benchmarks.md measures the overview's JavaScript).
export const BurnupChart = lazy(() => import("./chart-burnup").then((module) => ({ default: module.BurnupChart })));
export const ActivityBarsChart = lazy(() =>
  import("./chart-activity-bars").then((module) => ({ default: module.ActivityBarsChart })),
);
export const TrendChart = lazy(() => import("./chart-trend").then((module) => ({ default: module.TrendChart })));
