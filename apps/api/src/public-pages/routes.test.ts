import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { createExamplePromise, createTestApp, EXAMPLE_PROMISE } from "../test-support/test-app";

const SLUG = "medborgarlofte-testomradet-2024-2025";
const NOT_PUBLISHED = "Det finns inget publicerat löfte på den här adressen.";

async function ok(response: { status: number; body: unknown }, status = 201) {
  if (response.status !== status) throw new Error(JSON.stringify(response.body));
  return response.body as any;
}

/** The example promise (published), a draft and an archived promise; activities with notes and places that must not show. */
async function world(options: Parameters<typeof createTestApp>[0] = {}) {
  const t = await createTestApp(options);
  const { promiseId, yearly, termly, untargeted } = await createExamplePromise(t);
  const promise = await ok(await t.request("GET", `/api/promises/${promiseId}`), 200);
  await ok(await t.request("POST", "/api/activities", { commitmentId: yearly, occurredAt: "2024-05-02", quantity: 30, note: "Hemlig anteckning", place: "Hemlig plats" }));
  await ok(await t.request("POST", "/api/activities", { commitmentId: termly, occurredAt: "2024-03-10", quantity: 2 }));
  await ok(await t.request("POST", "/api/activities", { commitmentId: untargeted, occurredAt: "2024-06-01", quantity: 5 }));
  await ok(await t.request("POST", `/api/commitments/${yearly}/updates`, { date: "2024-06-20", text: "Offentlig rapport om sommaren", public: true }));
  await ok(await t.request("POST", `/api/commitments/${yearly}/updates`, { date: "2024-06-21", text: "Intern rapport som inte visas", public: false }));
  await ok(await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, title: "Utkastet", slug: "utkastet", status: "draft" }));
  await ok(await t.request("POST", "/api/promises", { ...EXAMPLE_PROMISE, title: "Arkiverat", slug: "arkiverat", status: "archived" }));
  const anonymous = (path: string) => t.request("GET", path, undefined, {}, "anonymous");
  return { t, slug: promise.slug as string, yearly, anonymous };
}

const VIEWS = ["", "/visa", "/utskrift", "/embed"];

describe("the public pages, served", () => {
  it("serve a published promise's figures as HTML to anyone, with the strict CSP and no framing", async () => {
    const { slug, anonymous } = await world();
    expect(slug).toBe(SLUG);
    const page = await anonymous(`/p/${slug}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).toContain("style-src 'self'");
    expect(page.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("cache-control")).toBe("public, max-age=60");
    const html = page.body as string;
    expect(html).toContain("<h1>Medborgarlöfte Testområdet 2024–2025</h1>");
    expect(html).toContain("Siffrorna gäller den 1 juli 2024.");
    // SPEC's worked example: 30 of 84.4… (shown 85) in 2024, at risk.
    expect(html).toMatch(/Under 2024 hittills:<\/span> <span class="figure-value"><strong class="big">30<\/strong> av 85 tillfällen/);
    expect(html).toContain("Hela perioden hittills: 30 av 185 tillfällen.");
    expect(html).toContain("Risk");
    expect(html).toMatch(/<strong class="big">2<\/strong> av 2 möten/);
    expect(html).toContain("Uppnått");
    expect(html).toMatch(/<strong class="big">5<\/strong>/);
    expect(html).toContain("Följs (utan mål)");
    expect(html).toContain("Ansvariga:</span> Fältenheten");
    expect(html).toContain("Offentlig rapport om sommaren");
    expect(html).not.toContain("Intern rapport");
    expect(html).not.toContain("Hemlig");
    expect(html).not.toContain("<script");
    expect(html).toContain(`href="/api/public/promises/${slug}/data.csv"`);
  });

  it("have the navigation script on the presentation only, as an external file", async () => {
    const { slug, anonymous } = await world();
    for (const view of VIEWS) {
      const response = await anonymous(`/p/${slug}${view}`);
      expect(response.status, view).toBe(200);
      const scripts = (response.body as string).match(/<script[^>]*>/g) ?? [];
      if (view === "/visa") expect(scripts).toEqual([expect.stringMatching(/^<script src="\/p\/assets\/present\.js\?v=[0-9a-f]{12}">$/)]);
      else expect(scripts, view).toEqual([]);
      expect(response.body as string).not.toMatch(/\sstyle=|\son[a-z]+=/);
    }
  });

  it("let only the embed widget be framed", async () => {
    const { slug, anonymous } = await world();
    const embed = await anonymous(`/p/${slug}/embed`);
    expect(embed.status).toBe(200);
    expect(embed.headers.get("x-frame-options")).toBeNull();
    expect(embed.headers.get("content-security-policy")).toContain("frame-ancestors *");
    expect(embed.body).toContain('target="_blank" rel="noopener"');
    for (const view of ["", "/visa", "/utskrift"]) {
      const response = await anonymous(`/p/${slug}${view}`);
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });

  it("show the presentation's slides and QR code, and the printout's table and QR code", async () => {
    const { slug, anonymous } = await world({ publicBaseUrl: "https://lofteskollen.example.se" });
    const slides = (await anonymous(`/p/${slug}/visa`)).body as string;
    // Three commitments: a title slide, one per commitment, a closing slide.
    expect(slides.match(/<section class="slide /g)).toHaveLength(5);
    expect(slides).toContain("Siffror per 1 juli 2024");
    expect(slides).toContain(`aria-label="QR-kod till https://lofteskollen.example.se/p/${slug}"><svg`);
    const print = (await anonymous(`/p/${slug}/utskrift`)).body as string;
    expect(print.match(/<tr><th scope="row">/g)).toHaveLength(3);
    expect(print).toContain(`https://lofteskollen.example.se/p/${slug}`);
    expect(print).toContain("<svg");
  });

  it("point the QR code to the request's own address without PUBLIC_BASE_URL", async () => {
    const { slug, anonymous } = await world();
    const slides = (await anonymous(`/p/${slug}/visa`)).body as string;
    expect(slides).toContain(`aria-label="QR-kod till http://localhost/p/${slug}"`);
  });

  it("answer the same Swedish 404 page for a draft, an archived promise and an unknown slug, on every view", async () => {
    const { anonymous } = await world();
    const bodies = new Set<string>();
    for (const slug of ["utkastet", "arkiverat", "finns-inte", "%3Cscript%3E"]) {
      for (const view of VIEWS) {
        const response = await anonymous(`/p/${slug}${view}`);
        expect(response.status, `${slug}${view}`).toBe(404);
        expect(response.headers.get("content-type")).toMatch(/^text\/html/);
        expect(response.body).toContain(NOT_PUBLISHED);
        expect(response.body).toContain('<html lang="sv">');
        bodies.add(response.body as string);
      }
    }
    expect(bodies.size).toBe(1);
  });

  it("show the figures as of another date, and refuse a malformed or future date", async () => {
    const { slug, anonymous } = await world();
    const before = await anonymous(`/p/${slug}?asOf=2024-04-01`);
    expect(before.status).toBe(200);
    expect(before.body).toContain("Siffrorna gäller den 1 april 2024.");
    expect(before.body).toContain("Du ser siffrorna som de var den 1 april 2024.");
    expect(before.body).toMatch(/Under 2024 hittills:<\/span> <span class="figure-value"><strong class="big">0<\/strong> av 85 tillfällen/);
    expect(before.body).toContain(`href="/p/${slug}/visa?asOf=2024-04-01"`);
    const malformed = await anonymous(`/p/${slug}?asOf=1%20april`);
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain("ÅÅÅÅ-MM-DD");
    const future = await anonymous(`/p/${slug}/visa?asOf=2030-01-01`);
    expect(future.status).toBe(400);
    expect(future.body).toContain("Datumet kan inte ligga i framtiden.");
  });

  it("serve the stylesheet and the script with a long cache under their versioned address", async () => {
    const { slug, anonymous } = await world();
    const page = (await anonymous(`/p/${slug}`)).body as string;
    const cssUrl = page.match(/href="(\/p\/assets\/public\.css\?v=[0-9a-f]+)"/)?.[1];
    expect(cssUrl).toBeDefined();
    const css = await anonymous(cssUrl!);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(css.body).toContain("@page");
    const stale = await anonymous("/p/assets/public.css");
    expect(stale.headers.get("cache-control")).toBe("public, max-age=300");
    const slides = (await anonymous(`/p/${slug}/visa`)).body as string;
    const js = await anonymous(slides.match(/src="(\/p\/assets\/present\.js\?v=[0-9a-f]+)"/)![1]!);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(js.body).toContain("PageDown");
    // Well under 100 KB gzipped, page and stylesheet together.
    expect(gzipSync(page).length + gzipSync(css.body as string).length).toBeLessThan(100_000);
  });

  it("show a snapshot's frozen figures with its banner, after later activities", async () => {
    const { t, slug, yearly, anonymous } = await world();
    const promise = await ok(await t.request("GET", "/api/promises"), 200);
    const id = (promise as { id: number; slug: string }[]).find((p) => p.slug === slug)!.id;
    const snapshot = await ok(await t.request("POST", `/api/promises/${id}/snapshots`, { asOf: "2024-06-30", title: "Medborgardialog Testområdet 30 juni" }));
    await ok(await t.request("POST", "/api/activities", { commitmentId: yearly, occurredAt: "2024-06-30", quantity: 40 }));
    const live = (await anonymous(`/p/${slug}`)).body as string;
    expect(live).toContain("<strong class=\"big\">70</strong> av 85");
    for (const view of ["", "/visa", "/utskrift"]) {
      const response = await anonymous(`/s/${snapshot.slug}${view}`);
      expect(response.status, view).toBe(200);
      if (view === "/visa") {
        // On the slides: the title slide and every slide's foot say whose figures these are.
        expect(response.body).toContain("Ögonblicksbild: Medborgardialog Testområdet 30 juni · siffror per 30 juni 2024");
        expect(response.body).toContain(`href="/s/${snapshot.slug}"`);
      } else {
        expect(response.body).toContain("Ögonblicksbild: Medborgardialog Testområdet 30 juni – siffrorna per 30 juni 2024");
        expect(response.body).toContain(`href="/p/${slug}"`);
      }
      expect(response.body).not.toContain(">70<");
    }
    const page = (await anonymous(`/s/${snapshot.slug}`)).body as string;
    expect(page).toMatch(/<strong class="big">30<\/strong> av 85/);
    expect(page).toContain(`href="/s/${snapshot.slug}/visa"`);
    const missing = await anonymous("/s/finns-inte");
    expect(missing.status).toBe(404);
    expect(missing.body).toContain("ögonblicksbild");
  });

  it("leave the API's JSON 404 alone", async () => {
    const { t } = await world();
    const response = await t.request("GET", "/api/finns-inte");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/json/);
  });
});


