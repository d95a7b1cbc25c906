import { lazy } from "react";

// Recharts is the heaviest library of the app: the charts load with the pages that draw them,
// never with the overview (docs/benchmarks.md measures the overview's JavaScript).
const loadBurnup = () => import("./chart-burnup");
const loadBars = () => import("./chart-activity-bars");
const loadTrend = () => import("./chart-trend");

export const BurnupChart = lazy(() => loadBurnup().then((module) => ({ default: module.BurnupChart })));
export const ActivityBarsChart = lazy(() => loadBars().then((module) => ({ default: module.ActivityBarsChart })));
export const TrendChart = lazy(() => loadTrend().then((module) => ({ default: module.TrendChart })));

/**
 * Starts fetching a page's chart code as the page mounts, alongside its data, instead of after
 * the data arrived and the first chart asked for it (one network round trip fewer). Repeated
 * calls cost nothing: the module loader fetches each file once.
 */
export const preloadCharts = {
  promisePage: () => void loadTrend(),
  commitmentPage: () => {
    void loadBurnup();
    void loadBars();
  },
};
