// Runs in the browser before the page's own scripts (Playwright `addInitScript`), once per
// document. Plain JavaScript on purpose: tsx compiles TypeScript with esbuild's keepNames, which
// wraps inner functions in a `__name` helper that does not exist in the page.
//
// Every animation frame it counts, per kind of chart (`data-chart="trend" | "burnup" | "bars"`),
// the charts that have drawn their SVG and the charts that have drawn data marks (bars, lines,
// areas), and records the first frame at which each count was reached:
// window.__benchCharts.trend[n - 1] = performance.now() when n trend charts were first drawn.
// performance.now() counts from the navigation's start (the document's time origin).
//
// It also keeps the main thread's long tasks (over 50 ms: script, layout, rendering) as
// window.__benchLongTasks = [[startTime, duration], …], to explain the time between the data's
// arrival and the charts.
(() => {
  const firstSeen = {};
  window.__benchCharts = firstSeen;
  const longTasks = [];
  window.__benchLongTasks = longTasks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
  const record = (key, count) => {
    const times = firstSeen[key] ?? (firstSeen[key] = []);
    const now = performance.now();
    while (times.length < count) times.push(now);
  };
  const tick = () => {
    const drawn = {};
    const marked = {};
    for (const chart of document.querySelectorAll("[data-chart]")) {
      const kind = chart.getAttribute("data-chart") ?? "unknown";
      if (chart.querySelector("svg.recharts-surface")) drawn[kind] = (drawn[kind] ?? 0) + 1;
      if (chart.querySelector(".recharts-rectangle, .recharts-curve")) marked[kind] = (marked[kind] ?? 0) + 1;
    }
    for (const [kind, count] of Object.entries(drawn)) record(kind, count);
    for (const [kind, count] of Object.entries(marked)) record(`${kind}:marks`, count);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
