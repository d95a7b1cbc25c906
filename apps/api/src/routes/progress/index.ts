import { DailyTotalsSchema, PromiseIdParamsSchema, ProgressQuerySchema, ProgressSummarySchema } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { createRoute } from "@hono/zod-openapi";
import { csvContent, csvResponse } from "../../lib/csv";
import { createRouter, errorsFor, json } from "../../lib/openapi";
import { promiseProgressCsv } from "../../services/csv-exports";
import { getDailyTotals, getProgressSummary } from "../../services/progress";

/** The manager dashboard's reads beside GET /api/promises/:id/progress: every signed-in role may read them. */
export const progressRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/progress",
      tags: ["Progress"],
      summary: "Every promise's commitments counted per status as of a date",
      description: "In the order of GET /api/promises; every status is present, 0 when none. `asOf` defaults to today in Europe/Stockholm.",
      request: { query: ProgressQuerySchema },
      responses: {
        200: json(ProgressSummarySchema, "Status counts per promise"),
        ...errorsFor(400, 401),
      },
    }),
    async (c) => {
      const asOf = c.req.valid("query").asOf ?? todayInStockholm(c.get("now")());
      return c.json(await getProgressSummary({ db: c.get("store").db, asOf }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/promises/{id}/daily-totals",
      tags: ["Progress"],
      summary: "Per commitment, the quantity done on each day, for the charts",
      description:
        "Non-voided quantities per local date from the period's start (`from`) to the earlier of `asOf` and the period's end (`to`); days with nothing are left out. Empty when `asOf` is before the period. `asOf` defaults to today in Europe/Stockholm.",
      request: { params: PromiseIdParamsSchema, query: ProgressQuerySchema },
      responses: {
        200: json(DailyTotalsSchema, "Daily totals per commitment, oldest first"),
        ...errorsFor(400, 401, 404),
      },
    }),
    async (c) => {
      const asOf = c.req.valid("query").asOf ?? todayInStockholm(c.get("now")());
      return c.json(await getDailyTotals({ db: c.get("store").db, promiseId: c.req.valid("param").id, asOf }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/promises/{id}/progress.csv",
      tags: ["Progress"],
      summary: "The progress table as a spreadsheet (CSV for Excel in Swedish)",
      description:
        "One row per commitment: the window that explains its status (the current one, else the last ended, else the first), its target rounded up, actual, expected, Swedish status, forecast, need per week, period totals and responsible organisations. `asOf` defaults to today in Europe/Stockholm.",
      request: { params: PromiseIdParamsSchema, query: ProgressQuerySchema },
      responses: {
        200: csvContent("`<slug>-lage-<asOf>.csv`, as an attachment"),
        ...errorsFor(400, 401, 404),
      },
    }),
    async (c) => {
      const asOf = c.req.valid("query").asOf ?? todayInStockholm(c.get("now")());
      return csvResponse(c, await promiseProgressCsv({ db: c.get("store").db, promiseId: c.req.valid("param").id, asOf }));
    },
  );
