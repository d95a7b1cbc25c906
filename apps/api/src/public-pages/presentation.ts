import type { PublicProgress } from "@lofteskollen/contracts";
import { html, raw } from "hono/html";
import { progressBar } from "./chart";
import {
  type Commitment,
  commitmentCount,
  formatCount,
  formatTarget,
  goalText,
  groupByTheme,
  longDate,
  periodText,
  shownWindow,
  statusCounts,
  unitOf,
  windowHeading,
  windowPhase,
} from "./format";
import { documentShell, livePath, type PageContext } from "./layout";
import { statusBadge } from "./public-page";

/** At most this many commitments on one slide, so that each keeps numbers legible from the back of a room. */
export const MAX_PER_SLIDE = 3;
/** With this many commitments or fewer, each gets a slide of its own. */
export const ONE_PER_SLIDE_UP_TO = 4;

export type Slide =
  | { kind: "title" }
  | { kind: "commitment"; theme: string | null; commitment: Commitment }
  | { kind: "group"; heading: string; part: number; parts: number; commitments: Commitment[] }
  | { kind: "closing" };

/** `items` in `parts` runs of nearly equal length (7 → 3, 2, 2), order kept. */
function balancedChunks<T>(items: readonly T[], size: number): T[][] {
  const parts = Math.ceil(items.length / size);
  const chunks: T[][] = [];
  let start = 0;
  for (let part = 0; part < parts; part++) {
    const length = Math.ceil((items.length - start) / (parts - part));
    chunks.push(items.slice(start, start + length));
    start += length;
  }
  return chunks;
}

/**
 * The slides: a title slide; one slide per commitment when there are few, else one per theme
 * (a theme with more than three commitments over several slides, evenly); a closing slide.
 */
export function planSlides(progress: Pick<PublicProgress, "promise" | "commitments">): Slide[] {
  const slides: Slide[] = [{ kind: "title" }];
  const groups = groupByTheme(progress);
  if (progress.commitments.length <= ONE_PER_SLIDE_UP_TO) {
    for (const group of groups) for (const commitment of group.commitments) slides.push({ kind: "commitment", theme: group.theme, commitment });
  } else {
    for (const group of groups) {
      const chunks = balancedChunks(group.commitments, MAX_PER_SLIDE);
      chunks.forEach((commitments, index) =>
        slides.push({ kind: "group", heading: group.theme ?? "Åtagandena", part: index + 1, parts: chunks.length, commitments }),
      );
    }
  }
  slides.push({ kind: "closing" });
  return slides;
}

function bigFigure(commitment: Commitment, asOf: string, size: "large" | "huge") {
  const window = shownWindow(commitment, asOf);
  const unit = unitOf(commitment);
  if (!window) return "";
  const actual = commitment.cadence === "period" ? commitment.total.actual : window.actual;
  const target = commitment.cadence === "period" ? commitment.total.target : window.target;
  return html`<div class="s-figure">
<p class="s-when">${windowHeading(commitment.cadence, window, asOf)}</p>
<p class="s-numbers"><span class="s-num s-num-${size}">${formatCount(actual)}</span> <span class="s-of">${target === null ? unit : `av ${formatTarget(target)} ${unit}`}</span></p>
${progressBar(window, "bar s-bar")}
</div>`;
}

/** A long text cut at a word for a slide (the public page has it whole). */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd()} …`;
}

function commitmentSlide(commitment: Commitment, theme: string | null, asOf: string) {
  const window = shownWindow(commitment, asOf);
  const unit = unitOf(commitment);
  const extras: string[] = [];
  if (window && window.expectedToDate !== null && windowPhase(window, asOf) === "running" && window.status !== "met") {
    extras.push(`Enligt tidsplanen borde ${formatTarget(window.expectedToDate)} vara gjorda nu.`);
  }
  if (commitment.cadence !== "period") {
    extras.push(`Hela perioden: ${formatCount(commitment.total.actual)}${commitment.total.target === null ? "" : ` av ${formatTarget(commitment.total.target)}`} ${unit}.`);
  }
  if (commitment.organisations.length) extras.push(`Ansvariga: ${commitment.organisations.join(", ")}.`);
  const latest = commitment.updates[0];
  return html`${theme ? html`<p class="s-kicker">${theme}</p>` : ""}<h2>${commitment.title}</h2>
<div class="s-single">
<div class="s-text"><p class="s-goal">${goalText(commitment)}</p><p class="s-status">${statusBadge(commitment.status)}</p>${extras.map((extra) => html`<p class="s-extra">${extra}</p>`)}${
    latest ? html`<p class="s-update"><span class="s-update-date">Lägesrapport ${longDate(latest.date)}:</span> ${shorten(latest.text, 220)}</p>` : ""
  }</div>
${bigFigure(commitment, asOf, "huge")}
</div>`;
}

function groupSlide(slide: Extract<Slide, { kind: "group" }>, asOf: string) {
  return html`<h2>${slide.heading}${slide.parts > 1 ? html` <span class="s-part">(${slide.part} av ${slide.parts})</span>` : ""}</h2>
<div class="s-list s-list-${slide.commitments.length}">${slide.commitments.map(
    (commitment) =>
      html`<article class="s-item"><div class="s-text"><h3>${commitment.title}</h3><p class="s-goal">${goalText(commitment)}</p><p class="s-status">${statusBadge(commitment.status)}</p></div>${bigFigure(commitment, asOf, "large")}</article>`,
  )}</div>`;
}

function titleSlide(progress: PublicProgress) {
  const counts = statusCounts(progress.commitments);
  return html`<p class="s-kicker">Vi lovade – vi har gjort</p>
<h1>${progress.promise.title}</h1>
<p class="s-meta">${progress.promise.area} · ${periodText(progress.promise.startDate, progress.promise.endDate)}</p>
<p class="s-date">Siffror per ${longDate(progress.asOf)}</p>
${progress.snapshot ? html`<p class="s-meta">Ögonblicksbild: ${progress.snapshot.title}</p>` : ""}
${counts.length ? html`<p class="s-summary">${commitmentCount(progress.commitments.length)}:</p><ul class="s-counts">${counts.map(({ status, count }) => html`<li>${statusBadge(status)} <span class="count">${formatCount(count)}</span></li>`)}</ul>` : ""}
<p class="s-hint js-only">Bläddra med piltangenterna, mellanslag eller ett klick. F: helskärm.</p>`;
}

function closingSlide(context: PageContext) {
  const { progress } = context;
  return html`<h2>Följ löftet</h2>
<div class="s-closing">
<div class="s-text">
<p class="s-contact">Kontakt: ${progress.promise.contact ?? "Polisen och staden i området."}</p>
<p class="s-extra">Alla siffror, lägesrapporter och öppna data:</p>
<p class="s-url">${context.absoluteUrl.replace(/^https?:\/\//, "")}</p>
</div>
${context.qrSvg ? html`<figure class="s-qr"><span class="qr" role="img" aria-label="QR-kod till ${context.absoluteUrl}">${raw(context.qrSvg)}</span><figcaption>Skanna för att öppna sidan i mobilen</figcaption></figure>` : ""}
</div>`;
}

/** `/p/:slug/visa`: full-screen slides, one under the other without JavaScript. */
export function presentationPage(context: PageContext) {
  const { progress } = context;
  const slides = planSlides(progress);
  const total = slides.length;
  const footerTitle = progress.snapshot ? `Ögonblicksbild: ${progress.snapshot.title}` : progress.promise.title;
  const body = html`<main class="slides" id="innehall" aria-label="Presentation: ${progress.promise.title}">
${slides.map((slide, index) => {
  const number = index + 1;
  let content: unknown;
  switch (slide.kind) {
    case "title":
      content = titleSlide(progress);
      break;
    case "commitment":
      content = commitmentSlide(slide.commitment, slide.theme, progress.asOf);
      break;
    case "group":
      content = groupSlide(slide, progress.asOf);
      break;
    case "closing":
      content = closingSlide(context);
      break;
  }
  return html`<section class="slide slide-${slide.kind}" id="bild-${number}" aria-roledescription="bild" aria-label="Bild ${number} av ${total}">
<div class="s-body">${content}</div>
<p class="s-footer"><span>${footerTitle} · siffror per ${longDate(progress.asOf)}</span><span class="s-number">${number} / ${total}</span></p>
</section>`;
})}
</main>
<nav class="s-exit" aria-label="Presentationen"><a href="${progress.snapshot ? context.base : livePath(progress)}${context.query}">Till den vanliga sidan</a></nav>`;
  return documentShell({
    title: `Presentation: ${progress.promise.title}`,
    bodyClass: "present",
    body,
    script: true,
    robots: "noindex",
  });
}
