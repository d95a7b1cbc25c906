import type { CurrentUser, SignIn } from "@lofteskollen/contracts";
import { type QueryClient, queryOptions } from "@tanstack/react-query";
import { fetchJson, isUnauthorized, sendJson, shouldRetry } from "../../api/client";

export const authQueries = {
  all: () => ["auth"] as const,
  /** Who is signed in: `null` when nobody is (the API's 401 is an answer here, not an error). */
  me: () =>
    queryOptions({
      queryKey: [...authQueries.all(), "me"] as const,
      queryFn: async ({ signal }): Promise<CurrentUser | null> => {
        try {
          return await fetchJson<CurrentUser>("/api/auth/me", { signal });
        } catch (error) {
          if (isUnauthorized(error)) return null;
          throw error;
        }
      },
      retry: shouldRetry,
    }),
};

export function signIn(input: SignIn): Promise<CurrentUser> {
  return sendJson<CurrentUser>("POST", "/api/auth/sign-in", input);
}

/** Ends the session; one that has already ended (401) is just as ended. */
export async function signOut(): Promise<void> {
  try {
    await sendJson<void>("POST", "/api/auth/sign-out", {});
  } catch (error) {
    if (!isUnauthorized(error)) throw error;
  }
}

/**
 * Starts afresh for `user` (`null`: nobody): forgets everything fetched for whoever was signed in
 * before, so that no one sees another person's data, and keeps only who is signed in now.
 * Finished mutations go too: their answers (a new API key's secret) belong to the old session.
 */
export function resetSession(queryClient: QueryClient, user: CurrentUser | null): void {
  const [authRoot] = authQueries.all();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authRoot });
  queryClient.getMutationCache().clear();
  queryClient.setQueryData(authQueries.me().queryKey, user);
}
