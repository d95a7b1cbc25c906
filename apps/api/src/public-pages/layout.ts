import type { PublicProgress } from "@lofteskollen/contracts";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { PRESENT_SCRIPT, STYLESHEET } from "./assets";
import { longDate } from "./format";

/** What the views return: escaped HTML, built synchronously (nothing here awaits). */
export type Html = HtmlEscapedString;
type Content = ReturnType<typeof html> | string | (ReturnType<typeof html> | string)[];

/** A view's HTML as a string; the views never interpolate promises, so it is always ready. */
export function render(view: ReturnType<typeof html>): string {
  if (view instanceof Promise) throw new Error("public pages render synchronously");
  return view.toString();
}

/**
 * Where a page's figures come from and where its sibling pages are: a promise's live page
 * (`/p/:slug`, maybe `?asOf=`) or a snapshot (`/s/:slug`).
 */
export type PageContext = {
  progress: PublicProgress;
  /** `/p/:slug` or `/s/:slug`: the page's own base path; the presentation adds `/visa`, the print `/utskrift`. */
  base: string;
  /** `?asOf=…` when the live page was asked for another date, else "". */
  query: string;
  /** The absolute URL of the page that the QR codes and printouts point to. */
  absoluteUrl: string;
  /** The QR code of `absoluteUrl` as SVG markup (presentation and print only). */
  qrSvg?: string;
  /** Whether `asOf` was chosen by the visitor (not today's figures). */
  pastDate: boolean;
};

/** The live page of the promise, whatever page we are on. */
export const livePath = (progress: PublicProgress) => `/p/${encodeURIComponent(progress.promise.slug)}`;

export function documentShell({
  title,
  description,
  bodyClass,
  body,
  script = false,
  robots,
}: {
  title: string;
  description?: string;
  bodyClass: string;
  body: Content;
  script?: boolean;
  robots?: string;
}) {
  return html`<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${description ? html`<meta name="description" content="${description}">` : ""}
${robots ? html`<meta name="robots" content="${robots}">` : ""}
<link rel="stylesheet" href="${STYLESHEET.url}">
${script ? html`<script src="${PRESENT_SCRIPT.url}"></script>` : ""}
</head>
<body class="${bodyClass}">
${body}
</body>
</html>
`;
}

/** The banner on every page of a snapshot, or of the live page shown for another date. */
export function dateBanner(context: PageContext) {
  const { progress } = context;
  if (progress.snapshot) {
    return html`<section class="banner" aria-label="Om siffrorna"><p><strong>Ögonblicksbild: ${progress.snapshot.title} – siffrorna per ${longDate(progress.snapshot.asOf)}</strong></p><p>Siffrorna här ändras inte. <a href="${livePath(progress)}">Se dagens siffror för ${progress.promise.title}</a></p></section>`;
  }
  if (context.pastDate) {
    return html`<section class="banner" aria-label="Om siffrorna"><p><strong>Du ser siffrorna som de var den ${longDate(progress.asOf)}.</strong></p><p><a href="${livePath(progress)}">Se dagens siffror</a></p></section>`;
  }
  return "";
}

export function siteHeader() {
  return html`<header class="site-header"><div class="wrap"><p class="brand">Löfteskollen</p><p class="brand-sub">Medborgarlöften: vad vi lovade och vad vi har gjort</p></div></header>`;
}

export function siteFooter() {
  return html`<footer class="site-footer"><div class="wrap"><p>Löfteskollen. Sidan visar bara sammanräknade siffror – inga uppgifter om enskilda personer.</p></div></footer>`;
}

/** The page for every address without a published promise: the same for drafts, archived and unknown slugs. */
export function notFoundPage(message = "Det finns inget publicerat löfte på den här adressen.") {
  return documentShell({
    title: "Sidan finns inte – Löfteskollen",
    bodyClass: "public",
    robots: "noindex",
    body: html`<a class="skip-link" href="#innehall">Hoppa till innehållet</a>
${siteHeader()}
<main id="innehall" tabindex="-1"><div class="wrap">
<h1>Sidan finns inte</h1>
<p class="lead">${message}</p>
<p>Kontrollera adressen. Ett löfte som inte är publicerat visas inte här.</p>
</div></main>
${siteFooter()}`,
  });
}

/** A wrong `?asOf=`: say what is wrong instead of showing other figures than asked for. */
export function badDatePage(base: string, problem = "Datumet i adressen måste skrivas ÅÅÅÅ-MM-DD, till exempel 2025-03-12.") {
  return documentShell({
    title: "Felaktigt datum – Löfteskollen",
    bodyClass: "public",
    robots: "noindex",
    body: html`<a class="skip-link" href="#innehall">Hoppa till innehållet</a>
${siteHeader()}
<main id="innehall" tabindex="-1"><div class="wrap">
<h1>Felaktigt datum</h1>
<p class="lead">${problem}</p>
<p><a href="${base}">Se dagens siffror</a></p>
</div></main>
${siteFooter()}`,
  });
}
