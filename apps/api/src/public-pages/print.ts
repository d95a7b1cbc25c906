import { html, raw } from "hono/html";
import {
  type Commitment,
  doneOfTarget,
  goalText,
  groupByTheme,
  longDate,
  periodText,
  shownWindow,
  unitOf,
  windowHeading,
  windowPhase,
} from "./format";
import { dateBanner, documentShell, livePath, type PageContext } from "./layout";
import { statusBadge } from "./public-page";

function doneCell(commitment: Commitment, asOf: string) {
  const window = shownWindow(commitment, asOf);
  const unit = unitOf(commitment);
  const first = commitment.windows[0];
  const last = commitment.windows.at(-1);
  const running = first !== undefined && last !== undefined && windowPhase({ start: first.start, end: last.end }, asOf) === "running";
  // The unit is in the goal beside it; without a target, the count says what it counts.
  const figures = (actual: number, target: number | null) => (target === null ? doneOfTarget(actual, null, unit) : doneOfTarget(actual, target, "").trim());
  const total = html`<span class="done-line">${running ? "Hela perioden hittills" : "Hela perioden"}: <strong>${figures(commitment.total.actual, commitment.total.target)}</strong></span>`;
  if (!window || commitment.cadence === "period") return total;
  return html`<span class="done-line">${windowHeading(commitment.cadence, window, asOf)}: <strong>${figures(window.actual, window.target)}</strong></span>${total}`;
}

/** `/p/:slug/utskrift`: one or two A4 pages to hand out. */
export function printPage(context: PageContext) {
  const { progress } = context;
  const { promise, asOf } = progress;
  const groups = groupByTheme(progress);
  const themed = groups.some((group) => group.theme !== null);
  const back = progress.snapshot ? context.base : `${livePath(progress)}${context.query}`;
  const body = html`<nav class="no-print print-tools" aria-label="Utskriften"><p><a href="${back}">Tillbaka till sidan</a></p><p>Skriv ut med webbläsarens utskrift (Ctrl+P, på Mac ⌘+P) eller spara som PDF. Sidan är gjord för A4.</p></nav>
${dateBanner(context)}
<main id="innehall" class="sheet">
<header class="sheet-header">
<div class="sheet-head-text">
<p class="kicker">Medborgarlöfte – vi lovade, vi har gjort</p>
<h1>${promise.title}</h1>
<p class="sheet-meta">${promise.area} · ${periodText(promise.startDate, promise.endDate)}</p>
<p class="sheet-asof">Siffrorna gäller den ${longDate(asOf)}.</p>
<p class="sheet-contact"><strong>Kontakt:</strong> ${promise.contact ?? "Polisen och staden i området."}</p>
</div>
<div class="sheet-link">
${context.qrSvg ? html`<span class="sheet-qr qr" role="img" aria-label="QR-kod till ${context.absoluteUrl}">${raw(context.qrSvg)}</span>` : ""}
<p><strong>Läs mer och följ siffrorna:</strong> <span class="url">${context.absoluteUrl}</span></p>
</div>
</header>
${promise.summary ? html`<p class="sheet-summary">${promise.summary}</p>` : ""}
<table class="sheet-table">
<caption class="visually-hidden">Åtagandena: vad vi lovade, vad vi har gjort och läget</caption>
<thead><tr><th scope="col">Vi lovade</th><th scope="col">Vi har gjort</th><th scope="col">Status</th></tr></thead>
${groups.map(
  (group) => html`<tbody>${themed ? html`<tr class="theme-row"><th scope="colgroup" colspan="3">${group.theme ?? "Övrigt"}</th></tr>` : ""}${group.commitments.map(
    (commitment) =>
      html`<tr><th scope="row"><span class="row-title">${commitment.title}</span><span class="row-goal">${goalText(commitment)}</span></th><td>${doneCell(commitment, asOf)}</td><td>${statusBadge(commitment.status)}</td></tr>`,
  )}</tbody>`,
)}
</table>
<footer class="sheet-footer">
<p>Statusen gäller året, terminen, månaden eller perioden som visas. I fas: minst så många som tidsplanen kräver hittills. Risk: något efter. Efter plan: långt efter. Uppnått: målet är nått. Ej uppnått: tiden är slut och målet nåddes inte. Siffrorna är öppna data (${progress.licence.name}).</p>
</footer>
</main>`;
  return documentShell({ title: `Utskrift: ${promise.title}`, bodyClass: "print", body, robots: "noindex" });
}
