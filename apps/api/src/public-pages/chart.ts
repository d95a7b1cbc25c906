import { html } from "hono/html";
import { statusLook, type Window } from "./format";

/** Bar colours per tone: each at least 3:1 against white and the light track (WCAG 1.4.11). */
const TONE_FILL = { good: "#1e7b34", warn: "#a15c00", bad: "#b3261e", neutral: "#5c6670" } as const;

const WIDTH = 200;
const HEIGHT = 16;

/**
 * A horizontal bar: the track is the window's target, the filled part what is done (capped at the
 * target), the upright line where the time plan is by now. Drawn with SVG presentation attributes
 * only (the CSP has no `unsafe-inline` for styles); its size comes from the stylesheet. The
 * figures it shows are in the text beside it, so it is hidden from screen readers.
 */
export function progressBar(window: Window, className = "bar") {
  if (window.target === null || window.target <= 0) return "";
  const share = Math.min(1, Math.max(0, window.actual / window.target));
  const expected = window.expectedToDate === null ? null : Math.min(1, Math.max(0, window.expectedToDate / window.target));
  const fill = TONE_FILL[statusLook(window.status).tone];
  const done = Math.round(share * WIDTH * 10) / 10;
  const marker = expected === null || expected <= 0 || expected >= 1 ? null : Math.round(expected * WIDTH * 10) / 10;
  return html`<svg class="${className}" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" aria-hidden="true" focusable="false"><rect x="0" y="2" width="${WIDTH}" height="${HEIGHT - 4}" fill="#e3e6ea" stroke="#5c6670" stroke-width="1" vector-effect="non-scaling-stroke"/>${
    done > 0 ? html`<rect x="0" y="2" width="${done}" height="${HEIGHT - 4}" fill="${fill}"/>` : ""
  }${marker === null ? "" : html`<line x1="${marker}" x2="${marker}" y1="0" y2="${HEIGHT}" stroke="#111418" stroke-width="3" vector-effect="non-scaling-stroke"/>`}</svg>`;
}
