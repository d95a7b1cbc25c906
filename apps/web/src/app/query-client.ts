import { MutationCache, QueryCache, QueryClient, type QueryObserverOptions } from "@tanstack/react-query";
import { isUnauthorized, shouldRetry } from "../api/client";
import { authQueries } from "../features/auth/queries";

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: {
      /** A 401 is this mutation's answer (a wrong password), not a sign that the session ended. */
      unauthorizedIsAnAnswer?: boolean;
    };
  }
}

/**
 * The app's query client. Any 401 from the API, for a query or a mutation, means the session has
 * ended (expired, signed out elsewhere, account disabled): it is handled here, once, by forgetting
 * who was signed in. `RequireSignIn` then sends the person to the sign-in page and, afterwards,
 * back to where they were (https://tkdodo.eu/blog/breaking-react-querys-api-on-purpose#a-bad-api).
 */
export function createQueryClient(queryDefaults: Partial<QueryObserverOptions> = {}): QueryClient {
  const forgetSignedInUser = (error: unknown) => {
    if (isUnauthorized(error)) queryClient.setQueryData(authQueries.me().queryKey, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: forgetSignedInUser }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _onMutateResult, mutation) => {
        if (!mutation.meta?.unauthorizedIsAnAnswer) forgetSignedInUser(error);
      },
    }),
    defaultOptions: {
      // Progress changes only when someone logs an activity: a minute is fresh enough for a start page.
      // "offlineFirst": without network a query still asks once, and the service worker may answer
      // from its cache (the quick log's commitments); the default would pause it silently.
      queries: { staleTime: 60_000, retry: shouldRetry, networkMode: "offlineFirst", ...queryDefaults },
      // A write without network fails at once (and the quick log queues it on the device) instead
      // of waiting, paused, in a tab that may be closed.
      mutations: { networkMode: "always" },
    },
  });
  return queryClient;
}
