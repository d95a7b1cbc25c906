import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import "../i18n";

/** A fresh query client per test: no cache shared between tests, no retries to wait for. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
}

export function renderWithQueries(ui: ReactElement, queryClient: QueryClient = createTestQueryClient()) {
  return { queryClient, ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>) };
}

/** A stand-in for `fetch` answering each path from a table (unknown paths answer 404). */
export function fakeFetch(routes: Record<string, { status?: number; body: unknown }>): typeof fetch {
  return async (input) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const route = routes[url];
    if (!route) {
      return new Response(JSON.stringify({ error: { code: "not_found", message: `Ingen fejkad adress: ${url}` } }), { status: 404 });
    }
    return new Response(JSON.stringify(route.body), { status: route.status ?? 200, headers: { "Content-Type": "application/json" } });
  };
}
