import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../../db/audit-context";
import { createTestApp, PERSONNUMMER, type TestApp, TEST_NOW, TEST_USERS } from "../../test-support/test-app";

/**
 * Issue 6: the public API (no login) and the publishing that feeds it. The test app's clock is
 * 2024-07-01 12:00 in Stockholm.
 */

const LICENCE = { name: "CC0 1.0 Universell", url: "https://creativecommons.org/publicdomain/zero/1.0/deed.sv" };

/** What must never be reachable anonymously: free texts of activities, internal updates, drafts, people. */
const SECRETS = [
  "HEMLIG-ANTECKNING",
  "Hemlig plats 7",
  "INTERN-RAPPORT",
  "UTKAST-LÖFTE",
  "utkast-lofte",
  "UTKAST-ÅTAGANDE",
  "UTKAST-AKTÖR",
  "UTKAST-TEMA",
  "ARKIVERAT-LÖFTE",
  "arkiverat-lofte",
  "ARKIVERAD-RAPPORT",
  ...Object.values(TEST_USERS).flatMap((u) => [u.name, u.email]),
];
/** Keys of the internal shapes that the public ones must not carry. */
const FORBIDDEN_KEYS = ['"note"', '"place"', '"loggedBy"', '"email"', '"createdBy"', '"voidedBy"', '"organisationId"', '"activities"'];

const PUBLISHED = {
  title: "Medborgarlöfte Backa 2024–2025",
  slug: "backa-2024",
  area: "Backa",
  startDate: "2024-02-27",
  endDate: "2025-12-31",
  status: "published",
  summary: "Polisen och staden lovar fler trygghetsskapande insatser i Backa.",
  contact: "Kommunpolisen i Backa, 114 14",
  themes: ["Fritid", "Skola"],
  commitments: [
    {
      title: "Minst 100 uppsökande tillfällen per år",
      description: "Fältassistenterna söker upp unga på kvällstid.",
      activityType: "outreach",
      unit: "tillfällen",
      target: 100,
      cadence: "year",
      organisations: ["Fältenheten"],
      theme: "Fritid",
    },
    { title: "Minst 2 SSPF-möten per termin", activityType: "sspf_meeting", unit: "möten", target: 2, cadence: "term", organisations: ["Polisen"], theme: "Skola" },
    // Swedish order is Å before Ä; code-point order is the other way round.
    { title: "Trygg i-samverkan", activityType: "samverkan_meeting", target: null, cadence: "period", organisations: ["Ängens förening", "Åbyskolan", "Polisen"] },
  ],
};

const DRAFT = {
  title: "UTKAST-LÖFTE Hisingen",
  slug: "utkast-lofte",
  area: "Hisingen",
  startDate: "2024-01-01",
  endDate: "2024-12-31",
  status: "draft",
  themes: ["UTKAST-TEMA"],
  commitments: [{ title: "UTKAST-ÅTAGANDE", activityType: "outreach", target: 10, cadence: "period", organisations: ["UTKAST-AKTÖR"], theme: "UTKAST-TEMA" }],
};

const ARCHIVED = {
  title: "ARKIVERAT-LÖFTE Nordost 2019",
  slug: "arkiverat-lofte",
  area: "Nordost",
  startDate: "2024-01-01",
  endDate: "2024-12-31",
  status: "archived",
  commitments: [{ title: "Arkiverat åtagande", activityType: "outreach", target: 10, cadence: "period", organisations: ["Polisen"] }],
};

type Ids = { promiseId: number; commitmentIds: number[] };

async function createPromise(t: TestApp, body: object): Promise<Ids> {
  const response = await t.request("POST", "/api/promises", body);
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return { promiseId: response.body.id, commitmentIds: response.body.commitments.map((c: { id: number }) => c.id) };
}

async function log(t: TestApp, activity: object, as: "admin" | "coordinator" | "policeCoordinator" = "admin"): Promise<number> {
  const response = await t.request("POST", "/api/activities", activity, {}, as);
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id;
}

async function writeUpdate(t: TestApp, commitmentId: number, update: { date: string; text: string; public: boolean }): Promise<number> {
  const response = await t.request("POST", `/api/commitments/${commitmentId}/updates`, update);
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  return response.body.id;
}

/** The world of the anonymous walk: a published promise with secrets around it, a draft, an archived one, a snapshot. */
async function world() {
  const t = await createTestApp();
  const published = await createPromise(t, PUBLISHED);
  const draft = await createPromise(t, DRAFT);
  // Archived after its activities and update: an archived promise takes no new activities.
  const archived = await createPromise(t, { ...ARCHIVED, status: "published" });
  const [yearly, termly, untargeted] = published.commitmentIds as [number, number, number];
  const [draftCommitment] = draft.commitmentIds as [number];
  const [archivedCommitment] = archived.commitmentIds as [number];
  await log(t, { commitmentId: yearly, occurredAt: "2024-03-05", quantity: 12, place: "Hemlig plats 7", note: "HEMLIG-ANTECKNING om ett samtal" }, "coordinator");
  await log(t, { commitmentId: yearly, occurredAt: "2024-05-20T21:30:00+02:00", quantity: 18, place: "Hemlig plats 7", note: "HEMLIG-ANTECKNING två" }, "coordinator");
  await log(t, { commitmentId: termly, occurredAt: "2024-04-02", note: "HEMLIG-ANTECKNING SSPF" }, "policeCoordinator");
  await log(t, { commitmentId: untargeted, occurredAt: "2024-06-11", quantity: 3, organisation: "Polisen", place: "Hemlig plats 7" });
  await log(t, { commitmentId: draftCommitment, occurredAt: "2024-03-01", quantity: 4, note: "HEMLIG-ANTECKNING i utkastet" });
  await log(t, { commitmentId: archivedCommitment, occurredAt: "2024-03-01", note: "HEMLIG-ANTECKNING i arkivet" });
  await writeUpdate(t, yearly, { date: "2024-06-01", text: "INTERN-RAPPORT: två fältassistenter sjuka", public: false });
  await writeUpdate(t, yearly, { date: "2024-06-15", text: "Fler kvällspass under sommaren.", public: true });
  await writeUpdate(t, draftCommitment, { date: "2024-06-15", text: "UTKAST-LÖFTE publik rapport", public: true });
  await writeUpdate(t, archivedCommitment, { date: "2024-06-15", text: "ARKIVERAD-RAPPORT", public: true });
  await t.store.transaction(systemContext("cli", TEST_NOW), async (db) => {
    await db.update(db.$tables.promises).set({ status: "archived" }).where(eq(db.$tables.promises.id, archived.promiseId));
  });
  const snapshot = await t.request("POST", `/api/promises/${published.promiseId}/snapshots`, { asOf: "2024-06-30", title: "Medborgardialog Backa 12 mars" }, {}, "manager");
  if (snapshot.status !== 201) throw new Error(JSON.stringify(snapshot.body));
  return { t, published, draft, archived, snapshotSlug: snapshot.body.slug as string };
}

// The apps shared by a describe's tests are made before the file's first test: on the PostgreSQL
// run, an app made in a later describe's beforeAll would be taken for the previous test's and its
// database dropped after the next test (test-support/postgres.ts tells the scopes apart by the
// current test's name).
let openDataApp: TestApp;
let worldApp: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  [openDataApp, worldApp] = await Promise.all([createTestApp(), world()]);
});

/** Every response of the walk as text, for the leak checks. */
const asText = (body: unknown) => (typeof body === "string" ? body : JSON.stringify(body));

describe("the anonymous walk (issue 6, Done when)", () => {
  let w: Awaited<ReturnType<typeof world>>;
  const seen: { path: string; status: number; body: string }[] = [];
  const anonymous = async (path: string) => {
    const response = await w.t.request("GET", path, undefined, {}, "anonymous");
    seen.push({ path, status: response.status, body: asText(response.body) });
    return response;
  };

  beforeAll(async () => {
    w = worldApp;
  });

  it("reaches the published promise's figures, and nothing of any other promise, by any slug", async () => {
    const { published, draft, archived, snapshotSlug } = w;
    const list = await anonymous("/api/public/promises");
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      { slug: "backa-2024", title: PUBLISHED.title, area: "Backa", startDate: "2024-02-27", endDate: "2025-12-31", summary: PUBLISHED.summary },
    ]);
    expect((await anonymous("/api/public/data-dictionary")).status).toBe(200);

    const hidden = [
      DRAFT.slug,
      ARCHIVED.slug,
      "finns-inte",
      "UTKAST-LOFTE",
      "Utkast-lofte",
      "utkast-lofte%20",
      "%20utkast-lofte",
      "utkast-lofte%00",
      "utkast%25",
      "%25",
      "backa",
      "backa-2024%2F..%2Futkast-lofte",
      "..%2Futkast-lofte",
      "..%2F..%2Fpromises",
      "%2e%2e%2Fpromises",
      "backa-2024%3Fx%3D1",
      String(published.promiseId),
      String(draft.promiseId),
      String(archived.promiseId),
      String(draft.commitmentIds[0]),
      "0",
      "-1",
      "1%20OR%201%3D1",
      "backa-2024'%20OR%20'1'%3D'1",
      "Backa",
      "Fritid",
      snapshotSlug,
      "undefined",
      "null",
      "x".repeat(5000),
    ];
    const suffixes = ["progress", "progress?asOf=2024-06-30", "progress?asOf=2024-01-15", "data.csv", "data.csv?asOf=2024-06-30", "data.json", "data.json?asOf=2024-03-01"];

    for (const suffix of suffixes) {
      const shown = await anonymous(`/api/public/promises/${PUBLISHED.slug}/${suffix}`);
      expect(shown.status, suffix).toBe(200);
      const notFound = [];
      for (const slug of hidden) notFound.push(await anonymous(`/api/public/promises/${slug}/${suffix}`));
      // A draft, an archived promise and one that does not exist: the same 404, byte for byte.
      expect(
        notFound.map((r) => r.status),
        suffix,
      ).toEqual(hidden.map(() => 404));
      expect(new Set(notFound.map((r) => asText(r.body)))).toEqual(new Set([asText({ error: { code: "not_found", message: "Löftet finns inte." } })]));
    }

    const realSnapshot = await anonymous(`/api/public/snapshots/${snapshotSlug}`);
    expect(realSnapshot.status).toBe(200);
    expect(realSnapshot.body.snapshot).toMatchObject({ slug: snapshotSlug, title: "Medborgardialog Backa 12 mars", asOf: "2024-06-30" });
    const guessed = [
      snapshotSlug.toUpperCase(),
      snapshotSlug.slice(0, -1),
      `${snapshotSlug}a`,
      "aaaaaaaaaa",
      "1",
      "0",
      DRAFT.slug,
      PUBLISHED.slug,
      "..%2Fpromises",
      "'%20OR%20'1'%3D'1",
      `${snapshotSlug}%00`,
      "%00",
    ];
    for (const slug of guessed) {
      const response = await anonymous(`/api/public/snapshots/${slug}`);
      expect(response.status, slug).toBe(404);
      expect(response.body).toEqual({ error: { code: "not_found", message: "Ögonblicksbilden finns inte." } });
    }
    // Dot segments are resolved before routing: these reach no public route at all.
    for (const path of ["/api/public/snapshots/%2e%2e", "/api/public/snapshots/..", "/api/public/promises/%2e%2e/progress", "/api/public/snapshots/%2e%2e/%2e%2e/promises"]) {
      expect([401, 404], path).toContain((await anonymous(path)).status);
    }
  });

  it("gets 401 for every API path that is not public, whatever the id", async () => {
    const { published, draft } = w;
    const ids = [published.promiseId, draft.promiseId, 1, 999];
    const paths = [
      "/api/promises",
      "/api/progress",
      "/api/activities",
      `/api/activities?commitmentId=${published.commitmentIds[0]}`,
      "/api/users",
      "/api/audit",
      "/api/tokens",
      "/api/auth/me",
      "/api/activity-types",
      "/api/openapi.json",
      "/api/imports/template.csv",
      "/api/public/../promises",
      "/api/public/%2e%2e/promises",
      "/api/publicx/promises",
      "/api/PUBLIC/promises",
      ...ids.flatMap((id) => [
        `/api/promises/${id}`,
        `/api/promises/${id}/progress`,
        `/api/promises/${id}/progress.csv`,
        `/api/promises/${id}/daily-totals`,
        `/api/commitments/${id}/updates`,
        `/api/commitments/${id}/organisations`,
        `/api/commitments/${id}/activities.csv`,
        `/api/users/${id}`,
        `/api/audit?recordType=promise&recordId=${id}`,
      ]),
      ...draft.commitmentIds.map((id) => `/api/commitments/${id}/updates`),
    ];
    for (const path of paths) {
      const response = await anonymous(path);
      expect(response.status, path).toBe(401);
    }
    // Writes too: nothing changes for an anonymous caller.
    const before = await w.t.snapshot();
    for (const [method, path, body] of [
      ["POST", `/api/promises/${draft.promiseId}/publish`, undefined],
      ["POST", `/api/promises/${published.promiseId}/unpublish`, undefined],
      ["POST", `/api/promises/${published.promiseId}/snapshots`, { asOf: "2024-06-30", title: "Försök" }],
      ["PATCH", "/api/updates/1", { public: true }],
      ["POST", "/api/public/promises", {}],
      ["POST", `/api/public/promises/${PUBLISHED.slug}/progress`, {}],
    ] as const) {
      const response = await w.t.request(method, path, body, {}, "anonymous");
      seen.push({ path, status: response.status, body: asText(response.body) });
      expect([401, 404], `${method} ${path}`).toContain(response.status);
    }
    expect(await w.t.snapshot()).toEqual(before);
  });

  it("reaches the published promise's pages, and the same 404 page for every other slug (the pages are in the walk too)", async () => {
    const { snapshotSlug } = w;
    const hidden = [DRAFT.slug, ARCHIVED.slug, "finns-inte", "UTKAST-LOFTE", "backa", "0", "1", "..%2Futkast-lofte", "utkast-lofte%00", snapshotSlug];
    const pages = ["", "/visa", "/utskrift", "/embed"];
    for (const page of pages) {
      const shown = await anonymous(`/p/${PUBLISHED.slug}${page}`);
      expect(shown.status, page).toBe(200);
      expect(shown.headers.get("content-type"), page).toMatch(/text\/html/);
      const notFound = [];
      for (const slug of hidden) notFound.push(await anonymous(`/p/${slug}${page}`));
      expect(notFound.map((r) => r.status), page).toEqual(hidden.map(() => 404));
      expect(new Set(notFound.map((r) => asText(r.body))).size, page).toBe(1);
    }
    for (const page of ["", "/visa", "/utskrift"]) {
      expect((await anonymous(`/s/${snapshotSlug}${page}`)).status, page).toBe(200);
      for (const slug of [snapshotSlug.toUpperCase(), "aaaaaaaaaa", PUBLISHED.slug, DRAFT.slug]) expect((await anonymous(`/s/${slug}${page}`)).status).toBe(404);
    }
  });

  it("leaked nothing in any answer: no draft, note, place, internal update, user or activity row", () => {
    expect(seen.length).toBeGreaterThan(250);
    expect(seen.filter(({ path }) => path.startsWith("/p/") || path.startsWith("/s/")).length).toBeGreaterThan(50);
    for (const { path, body } of seen) {
      for (const secret of SECRETS) expect(body.includes(secret), `${secret} in the answer to ${path.slice(0, 120)}`).toBe(false);
      // JSON keys of internal records; an HTML page's attributes are no such thing.
      if (path.startsWith("/api/")) {
        for (const key of FORBIDDEN_KEYS) expect(body.includes(key), `${key} in the answer to ${path.slice(0, 120)}`).toBe(false);
      }
    }
    // The walk did see the figures: the check above is not vacuous.
    expect(seen.some(({ body }) => body.includes("Fler kvällspass under sommaren."))).toBe(true);
    expect(seen.some(({ body }) => body.includes("Minst 100 uppsökande tillfällen per år"))).toBe(true);
  });

  it("shows a published promise's figures in the internal progress's shape, with its public facts", async () => {
    const { t, published } = w;
    const [yearly, termly, untargeted] = published.commitmentIds;
    const shown = await t.request("GET", `/api/public/promises/${PUBLISHED.slug}/progress?asOf=2024-06-30`, undefined, {}, "anonymous");
    const internal = await t.request("GET", `/api/promises/${published.promiseId}/progress?asOf=2024-06-30`);
    expect(shown.status).toBe(200);
    expect(Object.keys(shown.body).sort()).toEqual(["asOf", "commitments", "licence", "promise", "promiseId", "snapshot"]);
    expect(shown.body).toMatchObject({
      promiseId: published.promiseId,
      asOf: "2024-06-30",
      promise: {
        slug: "backa-2024",
        title: PUBLISHED.title,
        area: "Backa",
        startDate: "2024-02-27",
        endDate: "2025-12-31",
        summary: PUBLISHED.summary,
        contact: PUBLISHED.contact,
        themes: ["Fritid", "Skola"],
      },
      snapshot: null,
      licence: LICENCE,
    });
    // The figures are the internal progress's, to the last field.
    const figures = shown.body.commitments.map(({ description, theme, organisations, updates, ...rest }: Record<string, unknown>) => rest);
    expect(figures).toEqual(internal.body.commitments);
    expect(shown.body.commitments.map((c: { commitmentId: number }) => c.commitmentId)).toEqual([yearly, termly, untargeted]);
    expect(shown.body.commitments[0]).toMatchObject({
      description: "Fältassistenterna söker upp unga på kvällstid.",
      theme: "Fritid",
      organisations: ["Fältenheten"],
      updates: [{ date: "2024-06-15", text: "Fler kvällspass under sommaren." }],
      total: { actual: 30 },
    });
    expect(shown.body.commitments[2].organisations).toEqual(["Åbyskolan", "Ängens förening", "Polisen"].sort(new Intl.Collator("sv").compare));
    expect(shown.body.commitments[2].organisations).toEqual(["Polisen", "Åbyskolan", "Ängens förening"]);
    // An update dated after the figures' date is not shown with them.
    const earlier = await t.request("GET", `/api/public/promises/${PUBLISHED.slug}/progress?asOf=2024-06-10`, undefined, {}, "anonymous");
    expect(earlier.body.commitments[0].updates).toEqual([]);
    // Today by default.
    const today = await t.request("GET", `/api/public/promises/${PUBLISHED.slug}/progress`, undefined, {}, "anonymous");
    expect(today.body.asOf).toBe("2024-07-01");
  });
});

describe("snapshots for a medborgardialog", () => {
  it("keep their figures after new activities, voids and corrections, while the live figures change; and outlive unpublishing", async () => {
    const t = await createTestApp();
    const { promiseId, commitmentIds } = await createPromise(t, PUBLISHED);
    const [yearly, termly] = commitmentIds as [number, number];
    const first = await log(t, { commitmentId: yearly, occurredAt: "2024-03-05", quantity: 10 });
    const second = await log(t, { commitmentId: yearly, occurredAt: "2024-04-05", quantity: 5 });
    await log(t, { commitmentId: termly, occurredAt: "2024-04-02" });

    const created = await t.request("POST", `/api/promises/${promiseId}/snapshots`, { asOf: "2024-06-30", title: "  Medborgardialog Backa 12 mars " }, {}, "manager");
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      slug: expect.stringMatching(/^[a-z2-7]{10}$/),
      title: "Medborgardialog Backa 12 mars",
      asOf: "2024-06-30",
      createdAt: "2024-07-01T10:00:00.000Z",
      promiseSlug: "backa-2024",
      url: `/s/${created.body.slug}`,
    });
    const path = `/api/public/snapshots/${created.body.slug}`;
    const frozen = (await t.request("GET", path, undefined, {}, "anonymous")).body;
    const liveThen = (await t.request("GET", "/api/public/promises/backa-2024/progress?asOf=2024-06-30", undefined, {}, "anonymous")).body;
    expect(frozen).toEqual({ ...liveThen, snapshot: { slug: created.body.slug, title: "Medborgardialog Backa 12 mars", asOf: "2024-06-30", createdAt: "2024-07-01T10:00:00.000Z" } });
    expect(frozen.commitments[0].total.actual).toBe(15);

    // Later: activities logged back-dated into the frozen period, one voided, one corrected, a new public update.
    await log(t, { commitmentId: yearly, occurredAt: "2024-06-01", quantity: 7 });
    await log(t, { commitmentId: termly, occurredAt: "2024-05-02" });
    expect((await t.request("POST", `/api/activities/${first}/void`, { reason: "Dubbelregistrerad" })).status).toBe(200);
    expect((await t.request("POST", `/api/activities/${second}/correct`, { reason: "Fel antal", activity: { quantity: 9 } })).status).toBe(201);
    await writeUpdate(t, yearly, { date: "2024-06-20", text: "Rapport skriven efter mötet.", public: true });

    const liveNow = (await t.request("GET", "/api/public/promises/backa-2024/progress?asOf=2024-06-30", undefined, {}, "anonymous")).body;
    expect(liveNow.commitments[0].total.actual).toBe(7 + 9);
    expect(liveNow.commitments[1].total.actual).toBe(2);
    expect(liveNow.commitments[0].updates).toHaveLength(1);
    expect(liveNow).not.toEqual(liveThen);
    expect((await t.request("GET", path, undefined, {}, "anonymous")).body).toEqual(frozen);

    // Unpublished (and later archived), the live figures are gone; the snapshot shown at the meeting stays.
    expect((await t.request("POST", `/api/promises/${promiseId}/unpublish`, undefined, {}, "manager")).status).toBe(200);
    expect((await t.request("GET", "/api/public/promises/backa-2024/progress", undefined, {}, "anonymous")).status).toBe(404);
    const afterUnpublish = await t.request("GET", path, undefined, {}, "anonymous");
    expect(afterUnpublish.status).toBe(200);
    expect(afterUnpublish.body).toEqual(frozen);
  });

  it("are made only of published promises, for a date from the start to today, with a title; refusals write nothing", async () => {
    const t = await createTestApp();
    const { promiseId } = await createPromise(t, PUBLISHED);
    const draft = await createPromise(t, DRAFT);
    const before = await t.snapshot();
    const auditBefore = (await t.auditRows()).length;
    const post = (id: number, body: unknown, as: "manager" | "admin" = "manager") => t.request("POST", `/api/promises/${id}/snapshots`, body, {}, as);

    const noTitle = await post(promiseId, { asOf: "2024-06-30" });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["title"]);
    const blankTitle = await post(promiseId, { asOf: "2024-06-30", title: "   " });
    expect(blankTitle.status).toBe(400);
    expect(blankTitle.body.error.issues[0]).toMatchObject({ path: "title", message: expect.stringContaining("rubrik") });
    expect((await post(promiseId, { asOf: "30/6", title: "X" })).body.error.issues[0].path).toBe("asOf");
    expect((await post(promiseId, { title: "X" })).body.error.issues[0].path).toBe("asOf");

    const future = await post(promiseId, { asOf: "2024-07-02", title: "Framtiden" });
    expect(future.status).toBe(422);
    expect(future.body.error.issues).toEqual([{ path: "asOf", code: "future_date", message: "Datumet kan inte ligga i framtiden." }]);
    const beforeStart = await post(promiseId, { asOf: "2024-02-26", title: "För tidigt" });
    expect(beforeStart.status).toBe(422);
    expect(beforeStart.body.error.issues[0]).toMatchObject({ path: "asOf", code: "before_period" });
    const unpublished = await post(draft.promiseId, { asOf: "2024-06-30", title: "Utkast" });
    expect(unpublished.status).toBe(422);
    expect(unpublished.body.error).toMatchObject({ code: "not_published", message: expect.stringMatching(/^Bara publicerade löften kan frysas/) });
    const personal = await post(promiseId, { asOf: "2024-06-30", title: `Dialog med ${PERSONNUMMER[0]}` });
    expect(personal.status).toBe(422);
    expect(personal.body.error.issues[0].path).toBe("title");
    expect((await post(999_999, { asOf: "2024-06-30", title: "Finns inte" })).status).toBe(404);
    expect((await post(promiseId, { asOf: "2024-06-30", title: "x".repeat(201) })).status).toBe(400);

    expect(await t.snapshot()).toEqual(before);
    expect((await t.auditRows()).length).toBe(auditBefore);

    // The first and the last allowed day.
    expect((await post(promiseId, { asOf: "2024-02-27", title: "Första dagen" })).status).toBe(201);
    expect((await post(promiseId, { asOf: "2024-07-01", title: "I dag" }, "admin")).status).toBe(201);
  });
});

describe("publishing, unpublishing and public updates", () => {
  it("are for managers and admins only; others are refused and nothing is written", async () => {
    const t = await createTestApp();
    const { promiseId, commitmentIds } = await createPromise(t, DRAFT);
    const updateId = await writeUpdate(t, commitmentIds[0] as number, { date: "2024-06-01", text: "Intern", public: false });
    const before = await t.snapshot();
    for (const [method, path, body] of [
      ["POST", `/api/promises/${promiseId}/publish`, undefined],
      ["POST", `/api/promises/${promiseId}/unpublish`, undefined],
      ["POST", `/api/promises/${promiseId}/snapshots`, { asOf: "2024-06-30", title: "Dialog" }],
      ["PATCH", `/api/updates/${updateId}`, { public: true }],
    ] as const) {
      for (const caller of ["coordinator", "policeCoordinator", "viewer"] as const) {
        const response = await t.request(method, path, body, {}, caller);
        expect(response.status, `${method} ${path} as ${caller}`).toBe(403);
        expect(response.body.error.message).toBe("Bara chefer och administratörer kan lägga upp och ändra medborgarlöften.");
      }
      expect((await t.request(method, path, body, {}, "anonymous")).status).toBe(401);
    }
    expect(await t.snapshot()).toEqual(before);
    const denials = (await t.auditRows()).filter((r) => r.action === "auth.denied");
    expect(denials).toHaveLength(12);
  });

  it("a manager publishes and unpublishes a promise: audited, and the public endpoints follow", async () => {
    const t = await createTestApp();
    const { promiseId } = await createPromise(t, { ...DRAFT, title: "Löfte Hisingen", slug: "hisingen" });
    const pub = (path: string) => t.request("GET", path, undefined, {}, "anonymous");
    expect((await pub("/api/public/promises/hisingen/progress")).status).toBe(404);
    expect((await pub("/api/public/promises")).body).toEqual([]);

    const published = await t.request("POST", `/api/promises/${promiseId}/publish`, undefined, {}, "manager");
    expect(published.status).toBe(200);
    expect(published.body).toEqual((await t.request("GET", `/api/promises/${promiseId}`)).body);
    expect(published.body.status).toBe("published");
    expect((await pub("/api/public/promises/hisingen/progress")).status).toBe(200);
    expect((await pub("/api/public/promises")).body.map((p: { slug: string }) => p.slug)).toEqual(["hisingen"]);
    const [publishRow] = (await t.auditRows()).slice(-1);
    expect(publishRow).toMatchObject({
      action: "promise.update",
      record_type: "promise",
      record_id: String(promiseId),
      user_id: t.users.manager.id,
      before: expect.objectContaining({ status: "draft" }),
      after: expect.objectContaining({ status: "published" }),
    });

    // Publishing again changes nothing and writes nothing.
    const auditCount = (await t.auditRows()).length;
    expect((await t.request("POST", `/api/promises/${promiseId}/publish`, undefined, {}, "admin")).status).toBe(200);
    expect((await t.auditRows()).length).toBe(auditCount);

    const unpublished = await t.request("POST", `/api/promises/${promiseId}/unpublish`, undefined, {}, "admin");
    expect(unpublished.status).toBe(200);
    expect(unpublished.body.status).toBe("draft");
    expect((await pub("/api/public/promises/hisingen/progress")).status).toBe(404);
    expect((await pub("/api/public/promises/hisingen/data.csv")).status).toBe(404);
    expect((await pub("/api/public/promises")).body).toEqual([]);
    const [unpublishRow] = (await t.auditRows()).slice(-1);
    expect(unpublishRow).toMatchObject({
      action: "promise.update",
      record_id: String(promiseId),
      user_id: t.users.admin.id,
      before: expect.objectContaining({ status: "published" }),
      after: expect.objectContaining({ status: "draft" }),
    });

    // An archived promise stays archived when unpublished; publishing makes it public.
    const archived = await createPromise(t, ARCHIVED);
    expect((await t.request("POST", `/api/promises/${archived.promiseId}/unpublish`, undefined, {}, "manager")).body.status).toBe("archived");
    expect((await t.request("POST", `/api/promises/${archived.promiseId}/publish`, undefined, {}, "manager")).body.status).toBe("published");
    expect((await pub("/api/public/promises/arkiverat-lofte/progress")).status).toBe(200);

    expect((await t.request("POST", "/api/promises/999999/publish", undefined, {}, "manager")).status).toBe(404);
    expect((await t.request("POST", "/api/promises/abc/unpublish", undefined, {}, "manager")).body.error.issues[0].path).toBe("id");
  });

  it("a manager marks an update public or internal: audited, and the public page follows", async () => {
    const t = await createTestApp();
    const { promiseId, commitmentIds } = await createPromise(t, PUBLISHED);
    const updateId = await writeUpdate(t, commitmentIds[0] as number, { date: "2024-06-01", text: "Snart offentlig rapport", public: false });
    const shownUpdates = async () =>
      (await t.request("GET", "/api/public/promises/backa-2024/progress", undefined, {}, "anonymous")).body.commitments[0].updates;
    expect(await shownUpdates()).toEqual([]);

    const marked = await t.request("PATCH", `/api/updates/${updateId}`, { public: true }, {}, "manager");
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ id: updateId, commitmentId: commitmentIds[0], public: true, text: "Snart offentlig rapport", createdBy: "Anna Admin" });
    expect(await shownUpdates()).toEqual([{ date: "2024-06-01", text: "Snart offentlig rapport" }]);
    const [row] = (await t.auditRows()).slice(-1);
    expect(row).toMatchObject({
      action: "update.update",
      record_type: "update",
      record_id: String(updateId),
      user_id: t.users.manager.id,
      before: expect.objectContaining({ isPublic: 0 }),
      after: expect.objectContaining({ isPublic: 1 }),
    });

    const unmarked = await t.request("PATCH", `/api/updates/${updateId}`, { public: false }, {}, "admin");
    expect(unmarked.body.public).toBe(false);
    expect(await shownUpdates()).toEqual([]);
    expect((await t.auditRows()).slice(-1)[0]).toMatchObject({ action: "update.update", before: expect.objectContaining({ isPublic: 1 }), after: expect.objectContaining({ isPublic: 0 }) });

    const before = await t.snapshot();
    const bad = await t.request("PATCH", `/api/updates/${updateId}`, { public: "ja" }, {}, "manager");
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("public");
    expect((await t.request("PATCH", `/api/updates/${updateId}`, {}, {}, "manager")).body.error.issues[0].path).toBe("public");
    expect((await t.request("PATCH", "/api/updates/999999", { public: true }, {}, "manager")).status).toBe(404);
    expect(await t.snapshot()).toEqual(before);

    // The snapshot is in the promise's history too.
    const snapshot = await t.request("POST", `/api/promises/${promiseId}/snapshots`, { asOf: "2024-06-30", title: "Dialog i juni" }, {}, "manager");
    const [snapshotRow] = (await t.auditRows()).slice(-1);
    expect(snapshotRow).toMatchObject({
      action: "promise.snapshot.create",
      record_type: "promise",
      record_id: String(promiseId),
      user_id: t.users.manager.id,
      after: { slug: snapshot.body.slug, promiseId, title: "Dialog i juni", asOf: "2024-06-30", createdAt: "2024-07-01T10:00:00.000Z", createdByUserId: t.users.manager.id, id: expect.any(Number) },
    });
    // The audit history of the promise lists it, as the audit API filters it.
    const history = await t.request("GET", `/api/audit?recordType=promise&recordId=${promiseId}`);
    expect(history.body.items.map((r: { action: string }) => r.action)).toContain("promise.snapshot.create");
  });
});

describe("open data", () => {
  let t: TestApp;
  let ids: Ids;
  beforeAll(async () => {
    t = openDataApp;
    ids = await createPromise(t, PUBLISHED);
    const [yearly, termly, untargeted] = ids.commitmentIds as [number, number, number];
    await log(t, { commitmentId: yearly, occurredAt: "2024-03-05", quantity: 30 });
    await log(t, { commitmentId: termly, occurredAt: "2024-04-02" });
    await log(t, { commitmentId: untargeted, occurredAt: "2024-05-02", quantity: 4 });
  });

  const download = async (path: string) => {
    const response = await t.app.request(path);
    const bytes = new Uint8Array(await response.arrayBuffer());
    return { status: response.status, headers: response.headers, bytes, text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes) };
  };
  const cells = (line: string) => line.split(";").map((cell) => cell.replace(/^"|"$/g, ""));
  const number = (cell: string | undefined) => (cell === "" || cell === undefined ? null : Number(cell.replace(",", ".")));

  it("the CSV has one row per commitment window, with the JSON's numbers, for Excel in Swedish", async () => {
    const csv = await download("/api/public/promises/backa-2024/data.csv?asOf=2024-07-01");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="backa-2024-siffror-2024-07-01.csv"');
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text.slice(1).replace(/\r\n$/, "").split("\r\n");
    const dictionary = (await t.request("GET", "/api/public/data-dictionary", undefined, {}, "anonymous")).body;
    expect(cells(lines[0] ?? "")).toEqual(dictionary.csv.columns.map((c: { name: string }) => c.name));
    expect(cells(lines[0] ?? "")).toEqual([
      "Löfte",
      "Löftets adress",
      "Siffror per",
      "Åtagande",
      "Fokusområde",
      "Enhet",
      "Takt",
      "Fönster från",
      "Fönster till",
      "Mål i fönstret",
      "Utfört i fönstret",
      "Förväntat hittills",
      "Status",
      "Status i ord",
      "Ansvariga aktörer",
    ]);

    const json = (await t.request("GET", "/api/public/promises/backa-2024/progress?asOf=2024-07-01", undefined, {}, "anonymous")).body;
    const windows = json.commitments.flatMap((c: { windows: unknown[] }) => c.windows);
    expect(lines.length - 1).toBe(windows.length);
    // Yearly: windows 2024 and 2025; termly: vt 24, ht 24, vt 25, ht 25; untargeted: the period.
    expect(windows.length).toBe(2 + 4 + 1);

    const year2024 = cells(lines[1] ?? "");
    const window = json.commitments[0].windows[0];
    expect(year2024.slice(0, 9)).toEqual([PUBLISHED.title, "backa-2024", "2024-07-01", "Minst 100 uppsökande tillfällen per år", "Fritid", "tillfällen", "år", "2024-02-27", "2024-12-31"]);
    expect(number(year2024[9])).toBe(window.target);
    expect(window.target).toBeCloseTo((100 * 309) / 366, 10);
    expect(number(year2024[10])).toBe(window.actual);
    expect(number(year2024[10])).toBe(30);
    expect(number(year2024[11])).toBe(window.expectedToDate);
    // SPEC §3's worked example: 30 by 2024-07-01 is 0.871 of the expected 34.4, at risk.
    expect(year2024.slice(12)).toEqual([window.status, "Risk", "Fältenheten"]);
    expect(window.status).toBe("at_risk");

    const untargeted = cells(lines[7] ?? "");
    expect(untargeted.slice(9)).toEqual(["", "4", "", "tracking", "Följs (utan mål)", "Polisen, Åbyskolan, Ängens förening"]);
  });

  it("the JSON download is the public progress, as a file", async () => {
    const file = await download("/api/public/promises/backa-2024/data.json?asOf=2024-06-30");
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="backa-2024-siffror-2024-06-30.json"');
    expect(JSON.parse(file.text)).toEqual((await t.request("GET", "/api/public/promises/backa-2024/progress?asOf=2024-06-30", undefined, {}, "anonymous")).body);
    expect(JSON.parse(file.text).licence).toEqual(LICENCE);
  });

  it("the data dictionary states the licence and describes every JSON field and every status", async () => {
    const response = await t.request("GET", "/api/public/data-dictionary", undefined, {}, "anonymous");
    expect(response.status).toBe(200);
    const dictionary = response.body;
    expect(dictionary.licence).toEqual(LICENCE);
    for (const entry of [...dictionary.csv.columns, ...dictionary.json.fields]) {
      expect(entry.description.length, entry.name).toBeGreaterThan(10);
    }
    expect(dictionary.statuses.map((s: { code: string }) => s.code).sort()).toEqual(["at_risk", "behind", "met", "missed", "on_track", "tracking", "upcoming"]);

    // Every field of a real answer (a snapshot's, so that `snapshot` has its fields too) is described.
    const snapshot = await t.request("POST", `/api/promises/${ids.promiseId}/snapshots`, { asOf: "2024-06-30", title: "Dialog" }, {}, "manager");
    await writeUpdate(t, ids.commitmentIds[0] as number, { date: "2024-06-01", text: "Offentlig", public: true });
    const frozen = (await t.request("GET", `/api/public/snapshots/${snapshot.body.slug}`, undefined, {}, "anonymous")).body;
    const live = (await t.request("GET", "/api/public/promises/backa-2024/progress", undefined, {}, "anonymous")).body;
    const described = new Set(dictionary.json.fields.map((f: { name: string }) => f.name));
    const paths = new Set<string>();
    // Paths as the dictionary names them: a list as `name[]`, its items' fields as `name[].field`.
    const walk = (value: unknown, path: string) => {
      if (Array.isArray(value)) {
        paths.add(`${path}[]`);
        for (const item of value) if (item && typeof item === "object") walk(item, `${path}[]`);
        return;
      }
      if (path && !path.endsWith("[]")) paths.add(path);
      if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    };
    walk(frozen, "");
    walk(live, "");
    // `current` is one of the windows: its fields are the windows' fields.
    const undescribed = [...paths].map((p) => p.replace("commitments[].current.", "commitments[].windows[].")).filter((p) => !described.has(p));
    expect(undescribed).toEqual([]);
    expect(paths.has("snapshot.title")).toBe(true);
    expect(paths.has("commitments[].updates[].text")).toBe(true);
  });

  it("refuses a future or malformed asOf with a 400 that names it, for a published and an unknown slug alike", async () => {
    for (const slug of ["backa-2024", "finns-inte"]) {
      for (const suffix of ["progress", "data.csv", "data.json"]) {
        const future = await t.request("GET", `/api/public/promises/${slug}/${suffix}?asOf=2024-07-02`, undefined, {}, "anonymous");
        expect(future.status).toBe(400);
        expect(future.body.error.issues).toEqual([{ path: "asOf", code: "future_date", message: "Datumet kan inte ligga i framtiden." }]);
        const malformed = await t.request("GET", `/api/public/promises/${slug}/${suffix}?asOf=2024-02-30`, undefined, {}, "anonymous");
        expect(malformed.status).toBe(400);
        expect(malformed.body.error.issues[0].path).toBe("asOf");
      }
    }
    // Before the period is fine: nothing done yet.
    const before = await t.request("GET", "/api/public/promises/backa-2024/progress?asOf=2024-01-01", undefined, {}, "anonymous");
    expect(before.status).toBe(200);
    expect(before.body.commitments[0].total.actual).toBe(0);
  });
});
