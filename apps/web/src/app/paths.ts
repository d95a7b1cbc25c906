/** The addresses of the app's pages: Swedish, as people read and share them. */
export const PATHS = {
  overview: "/",
  signIn: "/logga-in",
  audit: "/handelselogg",
  tokens: "/api-nycklar",
  quickLog: "/registrera",
  weekGrid: "/registrera/vecka",
  import: "/registrera/import",
  newPromise: "/loften/nytt",
  importPromise: "/loften/importera",
  promise: "/loften/:promiseId",
  editPromise: "/loften/:promiseId/redigera",
  terms: "/terminskalender",
  referenceLists: "/aktorer-och-omraden",
  users: "/anvandare",
  user: "/anvandare/:userId",
  commitment: "/loften/:promiseId/ataganden/:commitmentId",
} as const;

/** The address of a promise's page. */
export const promisePath = (promiseId: number) => `/loften/${promiseId}`;

/** The address of a promise's editor. */
export const editPromisePath = (promiseId: number) => `/loften/${promiseId}/redigera`;

/** The address of a user's page (users administration, admins). */
export const userPath = (userId: number) => `/anvandare/${userId}`;

/** The address of a commitment's page. */
export const commitmentPath = (promiseId: number, commitmentId: number) => `/loften/${promiseId}/ataganden/${commitmentId}`;

/** A positive whole number from a route parameter, or null ("abc", "0", "1.5"). */
export function idParam(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,15}$/.test(value) ? Number(value) : null;
}

/**
 * The public pages of a published promise. The API serves them as HTML (no sign-in, no SPA), so
 * the app links them with a plain `<a href>`, never a router `<Link>`.
 */
export const publicPaths = {
  page: (promiseSlug: string) => `/p/${encodeURIComponent(promiseSlug)}`,
  presentation: (promiseSlug: string) => `/p/${encodeURIComponent(promiseSlug)}/visa`,
  print: (promiseSlug: string) => `/p/${encodeURIComponent(promiseSlug)}/utskrift`,
};
