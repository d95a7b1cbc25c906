import { STATUS_LABELS_SV } from "@lofteskollen/domain";
import { describe, expect, it } from "vitest";
import { embedPage } from "./embed";
import { formatCount, formatTarget, goalText, groupByTheme, longDate, shownWindow, windowLabel } from "./format";
import { notFoundPage, type PageContext, render } from "./layout";
import { MAX_PER_SLIDE, planSlides, presentationPage } from "./presentation";
import { printPage } from "./print";
import { publicPage } from "./public-page";
import { fixtureProgress, manyCommitments } from "./test-fixtures";

const context = (progress = fixtureProgress(), extra: Partial<PageContext> = {}): PageContext => ({
  progress,
  base: `/p/${progress.promise.slug}`,
  query: "",
  absoluteUrl: `https://lofteskollen.example.se/p/${progress.promise.slug}`,
  qrSvg: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><path d="M0 0h1v1H0z"/></svg>',
  pastDate: false,
  ...extra,
});

/** Text content, roughly: tags out, the entities the views produce decoded. */
const text = (markup: string) =>
  markup
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ");

describe("Swedish formatting", () => {
  it("writes dates, counts and windows the Swedish way", () => {
    expect(longDate("2025-03-12")).toBe("12 mars 2025");
    expect(longDate("2024-12-01")).toBe("1 december 2024");
    expect(formatCount(3500)).toBe("3\u00a0500");
    expect(formatTarget(84.426)).toBe("85");
    expect(formatTarget(200.00000000000003)).toBe("200");
    expect(windowLabel("term", { start: "2024-08-15" })).toBe("ht 2024");
    expect(windowLabel("term", { start: "2024-02-27" })).toBe("vt 2024");
    expect(windowLabel("month", { start: "2025-03-01" })).toBe("mars 2025");
    expect(windowLabel("year", { start: "2025-01-01" })).toBe("2025");
  });

  it("says the goal per window in words", () => {
    const [yearly, termly, monthly, untargeted] = fixtureProgress().commitments;
    expect(goalText(yearly!)).toBe("Mål: 200 tillfällen per år.");
    expect(goalText(termly!)).toBe("Mål: 2 möten per termin.");
    expect(goalText(monthly!)).toBe("Mål: 4 vandringar per månad.");
    expect(goalText(untargeted!)).toBe("Inget siffermål – antalet följs ändå.");
  });

  it("groups by theme in the promise's order, the rest last", () => {
    const progress = fixtureProgress();
    progress.commitments.push({ ...progress.commitments[0]!, commitmentId: 99, theme: null });
    expect(groupByTheme(progress).map((g) => [g.theme, g.commitments.map((c) => c.commitmentId)])).toEqual([
      ["Skola", [12]],
      ["Lokalområde", [11, 13]],
      ["Familj", [14]],
      ["Övrigt", [99]],
    ]);
  });
});

describe("the public page", () => {
  const progress = fixtureProgress();
  const markup = render(publicPage(context(progress)));
  const content = text(markup);

  it("is a whole Swedish document with landmarks, a skip link and the stylesheet", () => {
    expect(markup).toMatch(/^<!doctype html>\n<html lang="sv">/);
    expect(markup).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(markup).toContain("<title>Medborgarlöfte Backa 2024–2025 – vi lovade, vi har gjort</title>");
    expect(markup).toMatch(/<link rel="stylesheet" href="\/p\/assets\/public\.css\?v=[0-9a-f]{12}">/);
    expect(markup).toContain('<a class="skip-link" href="#innehall">');
    expect(markup).toContain('<main id="innehall"');
    expect(markup).toContain("<header");
    expect(markup).toContain("<footer");
    expect(markup).not.toContain("<script");
    expect(markup).not.toMatch(/\sstyle=/);
  });

  it("has its headings in order: one h1, h2 per theme, h3 per commitment", () => {
    const levels = [...markup.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
    expect(levels.filter((l) => l === 3)).toHaveLength(progress.commitments.length);
  });

  it("says what was promised, when and where, the date of the figures and whom to contact", () => {
    expect(content).toContain("Vi lovade – vi har gjort");
    expect(content).toContain("Medborgarlöfte Backa 2024–2025");
    expect(content).toContain("Hisings Backa");
    expect(content).toContain("27 februari 2024 – 31 december 2025");
    expect(content).toContain("Siffrorna gäller den 12 mars 2025.");
    expect(content).toContain("Polisen och staden lovar tillsammans mer vuxennärvaro.");
    expect(content).toContain("Kontakt: Kommunpolis Backa, 114 14");
    for (const theme of ["Skola", "Lokalområde", "Familj"]) expect(markup).toMatch(new RegExp(`<h2 id="tema-\\d">${theme}</h2>`));
  });

  it("shows every figure: the current window and the whole period, done and target", () => {
    for (const commitment of progress.commitments) {
      expect(content).toContain(commitment.title);
      expect(content).toContain(goalText(commitment));
      const window = shownWindow(commitment, progress.asOf)!;
      expect(content).toContain(formatCount(window.actual));
      if (window.target !== null) expect(content).toContain(`av ${formatTarget(window.target)}`);
      expect(content).toContain(formatCount(commitment.total.actual));
      if (commitment.total.target !== null) expect(content).toContain(`av ${formatTarget(commitment.total.target)}`);
      for (const organisation of commitment.organisations) expect(content).toContain(organisation);
    }
    expect(content).toContain("Under 2025 hittills: 37 av 200 tillfällen");
    expect(content).toContain("Hela perioden hittills: 208 av 369 tillfällen.");
    expect(content).toContain("Under vt 2025 hittills: 1 av 2 möten");
    expect(content).toContain("Under mars 2025 hittills: 0 av 4 vandringar");
    expect(content).toContain("Hela perioden hittills: 9 utbildningar");
    expect(content).toContain("Enligt tidsplanen borde 39 vara gjorda nu. 163 tillfällen återstår till målet.");
    expect(content).toContain("Under 2024 gäller löftet en del av året, så målet är 169 tillfällen.");
    expect(content).toContain("Ansvariga: Fältenheten, Polisen");
  });

  it("gives every window's figures in a table", () => {
    expect(content).toContain("Alla perioder (3)");
    expect(content).toMatch(/ht 2024 2 1 ✗ Ej uppnått/);
  });

  it("tells each status in the web app's Swedish words, with an icon", () => {
    for (const status of ["at_risk", "on_track", "behind", "tracking"] as const) expect(content).toContain(STATUS_LABELS_SV[status]);
    expect(content).toContain("! Risk");
    expect(content).toContain("Vad betyder statusen?");
  });

  it("draws a bar per targeted commitment with presentation attributes only", () => {
    const bars = markup.match(/<svg class="bar"[^>]*>.*?<\/svg>/g) ?? [];
    expect(bars).toHaveLength(3);
    expect(bars[0]).toContain('aria-hidden="true"');
    // The yearly commitment: 37 of 200 done → 37 of 200 units wide; the time plan at 38.4 of 200.
    const yearly = markup.slice(markup.indexOf('id="atagande-11"')).match(/<svg class="bar"[^>]*>.*?<\/svg>/)?.[0] ?? "";
    expect(yearly).toContain('<rect x="0" y="2" width="37" height="12" fill="#a15c00"/>');
    expect(yearly).toContain('<line x1="38.4"');
  });

  it("shows the public updates with their dates", () => {
    expect(content).toContain("Lägesrapporter");
    expect(content).toContain("1 mars 2025 Färre pass i februari p.g.a. sjukdom.");
    expect(markup).toContain('<time datetime="2025-03-01">');
  });

  it("links the presentation, the printout, the open data with its licence and the data dictionary", () => {
    expect(markup).toContain('href="/p/exempel-backa/visa"');
    expect(markup).toContain('href="/p/exempel-backa/utskrift"');
    expect(markup).toContain('href="/api/public/promises/exempel-backa/data.csv"');
    expect(markup).toContain('href="/api/public/promises/exempel-backa/data.json"');
    expect(markup).toContain('href="/api/public/data-dictionary"');
    expect(content).toContain("CC0 1.0 Universell");
    expect(markup).toContain('<form class="asof-form" method="get" action="/p/exempel-backa">');
  });

  it("carries a chosen date to the other formats and says whose figures they are", () => {
    const past = render(publicPage(context(fixtureProgress(), { query: "?asOf=2025-03-12", pastDate: true })));
    expect(past).toContain('href="/p/exempel-backa/visa?asOf=2025-03-12"');
    expect(past).toContain('href="/api/public/promises/exempel-backa/data.csv?asOf=2025-03-12"');
    expect(text(past)).toContain("Du ser siffrorna som de var den 12 mars 2025.");
  });

  it("escapes what people typed", () => {
    const evil = fixtureProgress({ title: '<script>alert("x")</script>', contact: "<img src=x onerror=alert(1)>", summary: '"><b>' });
    evil.commitments[0] = { ...evil.commitments[0]!, title: "<script>bad()</script>", updates: [{ date: "2025-03-01", text: "<iframe src=//x>" }], organisations: ["<b>Org</b>"] };
    for (const view of [publicPage, presentationPage, printPage, embedPage]) {
      const out = render(view(context(evil)));
      expect(out).not.toContain("<script>");
      expect(out).not.toContain("<img src=x");
      expect(out).not.toContain("<iframe");
      expect(out).not.toContain("<b>");
      expect(out).toContain("&lt;script&gt;");
    }
  });

  it("shows a snapshot's banner and links the live page", () => {
    const snapshot = { ...fixtureProgress(), snapshot: { slug: "backa-12-mars", title: "Medborgardialog Backa 12 mars", asOf: "2025-03-12", createdAt: "2025-03-12T10:00:00Z" } };
    const out = render(publicPage(context(snapshot, { base: "/s/backa-12-mars" })));
    expect(text(out)).toContain("Ögonblicksbild: Medborgardialog Backa 12 mars – siffrorna per 12 mars 2025");
    expect(out).toContain('href="/p/exempel-backa"');
    expect(out).toContain('href="/s/backa-12-mars/visa"');
    expect(out).not.toContain("asof-form");
  });

  it("stays small: well under 100 KB gzipped with its CSS even with many commitments", async () => {
    const { gzipSync } = await import("node:zlib");
    const { STYLESHEET } = await import("./assets");
    const big = render(publicPage(context(manyCommitments(30, ["Skola", "Fritid", "Lokalområde", "Familj"]))));
    const size = gzipSync(big).length + gzipSync(STYLESHEET.body).length;
    expect(size).toBeLessThan(30_000);
  });
});

describe("the presentation", () => {
  it("gives each commitment its own slide when there are few", () => {
    const slides = planSlides(fixtureProgress());
    expect(slides.map((s) => s.kind)).toEqual(["title", "commitment", "commitment", "commitment", "commitment", "closing"]);
  });

  it("puts at most three commitments on a slide, per theme, evenly", () => {
    const slides = planSlides(manyCommitments(7, ["Fritid"]));
    const groups = slides.filter((s) => s.kind === "group");
    expect(groups.map((s) => (s.kind === "group" ? s.commitments.length : 0))).toEqual([3, 2, 2]);
    expect(groups.map((s) => (s.kind === "group" ? `${s.part}/${s.parts}` : ""))).toEqual(["1/3", "2/3", "3/3"]);
    const mixed = planSlides(manyCommitments(10, ["Skola", "Fritid"]));
    for (const slide of mixed) if (slide.kind === "group") expect(slide.commitments.length).toBeLessThanOrEqual(MAX_PER_SLIDE);
    expect(mixed.filter((s) => s.kind === "group").map((s) => (s.kind === "group" ? s.heading : ""))).toEqual(["Skola", "Skola", "Fritid", "Fritid"]);
    expect(slides.at(0)?.kind).toBe("title");
    expect(slides.at(-1)?.kind).toBe("closing");
  });

  it("renders the slides with the navigation script, the figures and a QR code, and no inline script", () => {
    const progress = fixtureProgress();
    const markup = render(presentationPage(context(progress)));
    const content = text(markup);
    expect(markup.match(/<section class="slide /g)).toHaveLength(6);
    expect(markup).toContain('id="bild-1"');
    expect(markup).toContain('aria-label="Bild 6 av 6"');
    expect(content).toContain("Siffror per 12 mars 2025");
    expect(content).toContain("Hisings Backa · 27 februari 2024 – 31 december 2025");
    expect(markup.match(/<script/g)).toHaveLength(1);
    expect(markup).toMatch(/<script src="\/p\/assets\/present\.js\?v=[0-9a-f]{12}"><\/script>/);
    expect(content).toContain("37 av 200 tillfällen");
    expect(content).toContain("Kontakt: Kommunpolis Backa, 114 14");
    expect(content).toContain("lofteskollen.example.se/p/exempel-backa");
    expect(markup).toContain('aria-label="QR-kod till https://lofteskollen.example.se/p/exempel-backa"><svg');
    expect(content).toContain("! Risk");
  });
});

describe("the printout", () => {
  it("is one table of promised / done / status with the date, contact, URL and QR code", () => {
    const markup = render(printPage(context()));
    const content = text(markup);
    expect(content).toContain("Siffrorna gäller den 12 mars 2025.");
    expect(markup.match(/<tr><th scope="row">/g)).toHaveLength(4);
    expect(content).toContain("Under 2025 hittills: 37 av 200 Hela perioden hittills: 208 av 369");
    expect(content).toContain("Hela perioden hittills: 9 utbildningar");
    expect(content).toContain("Kontakt: Kommunpolis Backa, 114 14");
    expect(content).toContain("https://lofteskollen.example.se/p/exempel-backa");
    expect(markup).toContain('class="no-print print-tools"');
    expect(markup).toContain('role="img" aria-label="QR-kod');
    expect(markup).not.toContain("<script");
  });
});

describe("the embed widget", () => {
  it("lists each commitment's status and figures and opens the public page in a new tab", () => {
    const markup = render(embedPage(context()));
    const content = text(markup);
    expect(content).toContain("Minst 200 uppsökande tillfällen per år ! Risk 37 av 200 tillfällen (2025 hittills)");
    expect(content).toContain("Föräldrautbildningar • Följs (utan mål) 9 utbildningar");
    expect(markup).toContain('<a href="/p/exempel-backa" target="_blank" rel="noopener">Läs mer');
    expect(markup).not.toContain("<script");
  });
});

describe("the 404 page", () => {
  it("says in Swedish that nothing is published here", () => {
    const markup = render(notFoundPage());
    expect(markup).toContain('<html lang="sv">');
    expect(markup).toContain("Det finns inget publicerat löfte på den här adressen.");
  });
});
