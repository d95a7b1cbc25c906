import { html } from "hono/html";
import { doneOfTarget, longDate, shownWindow, unitOf, windowHeading } from "./format";
import { documentShell, livePath, type PageContext } from "./layout";
import { statusBadge } from "./public-page";

/** `/p/:slug/embed`: a small widget for an iframe on the city's web site (the only framable route). */
export function embedPage(context: PageContext) {
  const { progress } = context;
  const { promise, asOf } = progress;
  const body = html`<main class="embed-box">
<h1>${promise.title}</h1>
<p class="embed-meta">Siffror per ${longDate(asOf)}</p>
<ul class="embed-list">${progress.commitments.map((commitment) => {
  const window = shownWindow(commitment, asOf);
  const unit = unitOf(commitment);
  const figures =
    window && commitment.cadence !== "period"
      ? `${doneOfTarget(window.actual, window.target, unit)} (${windowHeading(commitment.cadence, window, asOf).replace(/^Under /, "").toLowerCase()})`
      : doneOfTarget(commitment.total.actual, commitment.total.target, unit);
  return html`<li><span class="embed-title">${commitment.title}</span> <span class="embed-figures">${statusBadge(commitment.status)} ${figures}</span></li>`;
})}</ul>
<p class="embed-more"><a href="${livePath(progress)}" target="_blank" rel="noopener">Läs mer<span class="visually-hidden"> om ${promise.title} (öppnas i en ny flik)</span></a></p>
</main>`;
  return documentShell({ title: promise.title, bodyClass: "embed", body, robots: "noindex" });
}
