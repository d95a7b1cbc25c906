import { PATHS } from "../../app/paths";

// Any origin would do: only whether a `next` stays on it matters.
const HERE = "http://lofteskollen.invalid";

/**
 * Where to go after signing in: `next` when it is a path of this site, else the start page.
 * Only a path starting with one "/" passes: "//evil.example" and "https://…" leave the site, and
 * so do "/\evil.example" and "/\t/evil.example", because browsers read "\" as "/" and drop tabs
 * and newlines (https://url.spec.whatwg.org/#concept-basic-url-parser). No open redirect.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//")) return PATHS.overview;
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return PATHS.overview;
  const url = new URL(next, HERE);
  if (url.origin !== HERE) return PATHS.overview;
  // Back to the sign-in page would be a loop.
  if (url.pathname === PATHS.signIn) return PATHS.overview;
  return next;
}

/** The sign-in page, asked to come back to `location` (path and query) afterwards. */
export function signInPath(location: { pathname: string; search: string }): string {
  const next = `${location.pathname}${location.search}`;
  if (next === PATHS.overview || location.pathname === PATHS.signIn) return PATHS.signIn;
  return `${PATHS.signIn}?${new URLSearchParams({ next })}`;
}
