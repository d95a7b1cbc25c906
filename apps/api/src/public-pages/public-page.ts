import { html } from "hono/html";
import { progressBar } from "./chart";
import {
  type Commitment,
  commitmentCount,
  doneOfTarget,
  formatCount,
  formatTarget,
  goalText,
  groupByTheme,
  longDate,
  partialWindowTexts,
  periodText,
  STATUS_EXPLANATIONS,
  STATUS_ORDER,
  shownWindow,
  statusCounts,
  statusLook,
  unitOf,
  type Window,
  windowHeading,
  windowLabel,
  windowPhase,
} from "./format";
import { dateBanner, documentShell, type PageContext, siteFooter, siteHeader } from "./layout";

/** The status word with its icon; the colour (class) only supports them. */
export function statusBadge(status: Commitment["status"], className = "status") {
  const look = statusLook(status);
  return html`<span class="${className} tone-${look.tone}"><span class="icon" aria-hidden="true">${look.icon}</span> ${look.label}</span>`;
}

/** Below the figures: how they stand against the time plan, in words. */
function paceText(commitment: Commitment, window: Window, asOf: string): string {
  const unit = unitOf(commitment);
  const phase = windowPhase(window, asOf);
  if (phase === "before") return `Börjar ${longDate(window.start)}.`;
  if (window.target === null) return "";
  const missing = Math.max(0, Math.ceil(window.target - 1e-9) - window.actual);
  if (window.status === "met") return "Målet är nått.";
  if (phase === "ended") return `Målet nåddes inte: ${formatCount(missing)} ${unit} saknades.`;
  if (window.expectedToDate === null) return "";
  return `Enligt tidsplanen borde ${formatTarget(window.expectedToDate)} vara gjorda nu. ${formatCount(missing)} ${unit} återstår till målet.`;
}

function windowsTable(commitment: Commitment) {
  if (commitment.windows.length < 2) return "";
  const unit = unitOf(commitment);
  return html`<details class="windows"><summary>Alla perioder (${commitment.windows.length})</summary>
<table><caption class="visually-hidden">${commitment.title}: mål och utfört per period</caption>
<thead><tr><th scope="col">Period</th><th scope="col" class="num">Mål</th><th scope="col" class="num">Gjort</th><th scope="col">Status</th></tr></thead>
<tbody>${commitment.windows.map(
    (window) =>
      html`<tr><th scope="row">${windowLabel(commitment.cadence, window)}</th><td class="num">${window.target === null ? "–" : formatTarget(window.target)}</td><td class="num">${formatCount(window.actual)}</td><td>${statusBadge(window.status, "status status-small")}</td></tr>`,
  )}</tbody></table><p class="unit-note">Antal ${unit}.</p></details>`;
}

function commitmentCard(commitment: Commitment, asOf: string, headingLevel: 2 | 3) {
  const window = shownWindow(commitment, asOf);
  const unit = unitOf(commitment);
  const id = `atagande-${commitment.commitmentId}`;
  const heading =
    headingLevel === 2 ? html`<h2 id="${id}">${commitment.title}</h2>` : html`<h3 id="${id}">${commitment.title}</h3>`;
  const current =
    window && commitment.cadence !== "period"
      ? html`<p class="figure"><span class="figure-label">${windowHeading(commitment.cadence, window, asOf)}:</span> <span class="figure-value"><strong class="big">${formatCount(window.actual)}</strong> ${window.target === null ? unit : `av ${formatTarget(window.target)} ${unit}`}</span></p>`
      : "";
  const first = commitment.windows[0];
  const last = commitment.windows.at(-1);
  const periodRunning = first !== undefined && last !== undefined && windowPhase({ start: first.start, end: last.end }, asOf) === "running";
  const totalLabel = periodRunning ? "Hela perioden hittills" : "Hela perioden";
  const total =
    commitment.cadence === "period"
      ? html`<p class="figure"><span class="figure-label">${totalLabel}:</span> <span class="figure-value"><strong class="big">${formatCount(commitment.total.actual)}</strong> ${commitment.total.target === null ? unit : `av ${formatTarget(commitment.total.target)} ${unit}`}</span></p>`
      : html`<p class="total">${totalLabel}: ${doneOfTarget(commitment.total.actual, commitment.total.target, unit)}.</p>`;
  const pace = window ? paceText(commitment, window, asOf) : "";
  return html`<article class="commitment" aria-labelledby="${id}">
${heading}
<div class="columns">
<div class="promised"><p class="label">Vi lovade</p><p class="goal">${goalText(commitment)}</p>${commitment.description ? html`<p class="description">${commitment.description}</p>` : ""}${partialWindowTexts(commitment).map((text) => html`<p class="note">${text}</p>`)}</div>
<div class="done"><p class="label">Vi har gjort</p>
<p class="status-line"><span class="visually-hidden">Status: </span>${statusBadge(commitment.status)}</p>
${commitment.cadence === "period" ? total : current}
${window ? progressBar(window) : ""}
${pace ? html`<p class="pace">${pace}</p>` : ""}
${commitment.cadence === "period" ? "" : total}
</div>
</div>
${commitment.organisations.length ? html`<p class="organisations"><span class="label-inline">Ansvariga:</span> ${commitment.organisations.join(", ")}</p>` : ""}
${commitment.updates.length
    ? html`<div class="updates"><p class="label">Lägesrapporter</p><ul>${commitment.updates.map(
        (update) => html`<li><time datetime="${update.date}">${longDate(update.date)}</time> ${update.text}</li>`,
      )}</ul></div>`
    : ""}
${windowsTable(commitment)}
</article>`;
}

/** The formats of the same figures: presentation, print, open data. */
function formatLinks(context: PageContext) {
  return html`<nav class="formats" aria-label="Samma siffror i andra format"><ul>
<li><a href="${context.base}/visa${context.query}">Visa som presentation</a></li>
<li><a href="${context.base}/utskrift${context.query}">Utskriftsversion (A4)</a></li>
<li><a href="#oppna-data">Ladda ner siffrorna (öppna data)</a></li>
</ul></nav>`;
}

function openData(context: PageContext) {
  const { progress } = context;
  const slug = encodeURIComponent(progress.promise.slug);
  const asOfQuery = context.pastDate ? `?asOf=${progress.asOf}` : "";
  return html`<section class="section" aria-labelledby="oppna-data"><h2 id="oppna-data">Öppna data</h2>
<p>Siffrorna på sidan får användas fritt: de är öppna data under licensen <a href="${progress.licence.url}">${progress.licence.name}</a>.</p>
<ul class="downloads">
<li><a href="/api/public/promises/${slug}/data.csv${asOfQuery}">Ladda ner som CSV</a><span class="download-note">För Excel och andra kalkylprogram.</span></li>
<li><a href="/api/public/promises/${slug}/data.json${asOfQuery}">Ladda ner som JSON</a><span class="download-note">För den som bygger egna tjänster.</span></li>
<li><a href="/api/public/data-dictionary">Databeskrivning</a><span class="download-note">Vad varje kolumn och fält betyder.</span></li>
</ul></section>`;
}

function asOfForm(context: PageContext) {
  const { progress } = context;
  if (progress.snapshot) return "";
  return html`<section class="section" aria-labelledby="annat-datum"><h2 id="annat-datum">Siffrorna ett annat datum</h2>
<form class="asof-form" method="get" action="${context.base}">
<label for="asOf">Visa hur det såg ut den</label>
<div class="asof-row"><input type="date" id="asOf" name="asOf" value="${progress.asOf}" min="${progress.promise.startDate}" required><button type="submit">Visa</button></div>
</form></section>`;
}

function statusLegend() {
  return html`<section class="section" aria-labelledby="statusarna"><h2 id="statusarna">Vad betyder statusen?</h2>
<dl class="legend">${STATUS_ORDER.map((status) => html`<dt>${statusBadge(status)}</dt><dd>${STATUS_EXPLANATIONS[status]}</dd>`)}</dl>
<p>Stapeln visar hur stor del av målet som är gjord. Det lodräta strecket visar var tidsplanen är.</p>
</section>`;
}

/** `/p/:slug` (and `/s/:slug`): "Vi lovade – vi har gjort", every figure in the HTML. */
export function publicPage(context: PageContext) {
  const { progress } = context;
  const { promise, asOf } = progress;
  const groups = groupByTheme(progress);
  const themed = groups.some((group) => group.theme !== null);
  const counts = statusCounts(progress.commitments);
  const body = html`<a class="skip-link" href="#innehall">Hoppa till innehållet</a>
${siteHeader()}
${dateBanner(context)}
<main id="innehall" tabindex="-1"><div class="wrap">
<div class="intro">
<p class="kicker">Vi lovade – vi har gjort</p>
<h1>${promise.title}</h1>
<dl class="facts"><div><dt>Område</dt><dd>${promise.area}</dd></div><div><dt>Period</dt><dd>${periodText(promise.startDate, promise.endDate)}</dd></div></dl>
<p class="asof">Siffrorna gäller den ${longDate(asOf)}.</p>
${promise.summary ? html`<p class="summary">${promise.summary}</p>` : ""}
${formatLinks(context)}
</div>
${counts.length
    ? html`<section class="section overview" aria-labelledby="laget"><h2 id="laget">Läget i korthet</h2><p>${commitmentCount(progress.commitments.length)}:</p><ul class="counts">${counts.map(
        ({ status, count }) => html`<li>${statusBadge(status)} <span class="count">${formatCount(count)}</span></li>`,
      )}</ul></section>`
    : html`<p>Löftet har inga åtaganden ännu.</p>`}
${themed
    ? groups.map(
        (group, index) =>
          html`<section class="section theme" aria-labelledby="tema-${index + 1}"><h2 id="tema-${index + 1}">${group.theme ?? "Övrigt"}</h2>${group.commitments.map((c) => commitmentCard(c, asOf, 3))}</section>`,
      )
    : groups.map((group) => html`<section class="section theme" aria-labelledby="ataganden"><h2 id="ataganden">Åtagandena</h2>${group.commitments.map((c) => commitmentCard(c, asOf, 3))}</section>`)}
<section class="section contact" aria-labelledby="kontakt"><h2 id="kontakt">Kontakt</h2><p>Kontakt: ${promise.contact ?? "Polisen och staden i området."}</p></section>
${openData(context)}
${statusLegend()}
${asOfForm(context)}
</div></main>
${siteFooter()}`;
  return documentShell({
    title: `${promise.title} – vi lovade, vi har gjort`,
    description: `${promise.area}, ${periodText(promise.startDate, promise.endDate)}: vad medborgarlöftet lovade och vad som har gjorts, siffror per ${longDate(asOf)}.`,
    bodyClass: "public",
    body,
  });
}
