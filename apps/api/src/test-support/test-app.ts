import { fileURLToPath } from "node:url";
import { createApp } from "../app";
import { openStore } from "../db/client";
import { loadData } from "../seed/load-data";

const dataDir = fileURLToPath(new URL("../../../../data", import.meta.url));

/** The server clock the tests run at: 2024-07-01 12:00 in Stockholm (CEST). */
export const TEST_NOW = new Date("2024-07-01T10:00:00Z");

/** The real app on a private in-memory database with the reference data (activity types, terms). */
export function createTestApp({ now = TEST_NOW }: { now?: Date } = {}) {
  const store = openStore(":memory:");
  loadData({ store, dataDir, demo: false, now });
  const app = createApp({ store, now: () => now });

  const request = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const init: RequestInit = { method, headers: { ...headers } };
    if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    }
    const response = await app.request(path, init);
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as any) : null };
  };

  /** Row counts of every table that a write could touch: equal before and after = nothing written. */
  const snapshot = () => {
    const tables = ["areas", "organisations", "promises", "themes", "commitments", "commitment_organisations", "activities", "commitment_daily_totals", "updates", "idempotency_keys"];
    return Object.fromEntries(
      tables.map((t) => [t, (store.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
    );
  };
  const dailyTotalsState = () => store.sqlite.prepare("SELECT * FROM commitment_daily_totals ORDER BY commitment_id, local_date").all();

  return { app, store, request, snapshot, dailyTotalsState };
}

export type TestApp = ReturnType<typeof createTestApp>;

/** The SPEC worked example's promise: 2024-02-27 – 2025-12-31, with a few commitments. */
export const EXAMPLE_PROMISE = {
  title: "Medborgarlöfte Testområdet 2024–2025",
  area: "Testområdet",
  startDate: "2024-02-27",
  endDate: "2025-12-31",
  status: "published",
  themes: ["Fritid"],
  commitments: [
    { title: "Minst 100 uppsökande per år", activityType: "outreach", unit: "tillfällen", target: 100, cadence: "year", organisations: ["Fältenheten"], theme: "Fritid" },
    { title: "Minst 2 SSPF-möten per termin", activityType: "sspf_meeting", unit: "möten", target: 2, cadence: "term", organisations: ["Polisen"] },
    { title: "Trygg i-samverkan", activityType: "samverkan_meeting", target: null, cadence: "period", organisations: ["Trygghetssamordningen", "Polisen"] },
  ],
} as const;

export async function createExamplePromise(t: TestApp) {
  const response = await t.request("POST", "/api/promises", EXAMPLE_PROMISE);
  if (response.status !== 201) throw new Error(`could not create the test promise: ${JSON.stringify(response.body)}`);
  const promise = response.body as { id: number; commitments: { id: number }[] };
  const [yearly, termly, untargeted] = promise.commitments.map((c) => c.id);
  if (!yearly || !termly || !untargeted) throw new Error("the test promise lacks commitments");
  return { promiseId: promise.id, yearly, termly, untargeted };
}

/** Valid personnummer (correct check digit), as a person might type them. */
export const PERSONNUMMER = ["19850709-9805", "850709-9805", "198507099805", "8507099805"];
