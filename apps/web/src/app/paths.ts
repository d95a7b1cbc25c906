/** The addresses of the app's pages: Swedish, as people read and share them. */
export const PATHS = {
  overview: "/",
  signIn: "/logga-in",
  audit: "/handelselogg",
  tokens: "/api-nycklar",
} as const;
