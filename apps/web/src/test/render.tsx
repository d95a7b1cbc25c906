import type { CurrentUser } from "@lofteskollen/contracts";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { App } from "../app/app";
import { createQueryClient } from "../app/query-client";
import "../i18n";

/** A fresh query client per test: no cache shared between tests, no retries to wait for. */
export function createTestQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Number.POSITIVE_INFINITY } } });
}

export function renderWithQueries(ui: ReactElement, queryClient: QueryClient = createTestQueryClient()) {
  return { queryClient, ...render(<QueryClientProvider client={queryClient}>{ui}</QueryClientProvider>) };
}

/** What a fake route answers: a status and a JSON body (no body: 204). */
export type FakeResponse = { status?: number; body?: unknown; headers?: Record<string, string> };
/** A request as a fake route sees it. */
export type FakeRequest = { method: string; url: string; headers: Headers; body: unknown };
export type FakeRoute = FakeResponse | ((request: FakeRequest) => FakeResponse | Promise<FakeResponse>);

/**
 * A stand-in for `fetch` answering each request from a table keyed by path ("/api/promises", for
 * GET) or by method and path ("POST /api/tokens"); unknown requests answer 404. `requests`
 * records what was sent.
 */
export function fakeFetch(routes: Record<string, FakeRoute>): typeof fetch & { requests: FakeRequest[] } {
  const requests: FakeRequest[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? "GET").toUpperCase();
    const text = typeof init?.body === "string" ? init.body : undefined;
    const request = { method, url, headers: new Headers(init?.headers), body: text === undefined ? undefined : (JSON.parse(text) as unknown) };
    requests.push(request);
    const route = routes[`${method} ${url}`] ?? (method === "GET" ? routes[url] : undefined);
    if (!route) {
      return new Response(JSON.stringify({ error: { code: "not_found", message: `Ingen fejkad adress: ${method} ${url}` } }), {
        status: 404,
      });
    }
    const { status = 200, body, headers } = typeof route === "function" ? await route(request) : route;
    if (body === undefined) return new Response(null, { status, headers });
    return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
  };
  return Object.assign(fake, { requests });
}

export const USERS = {
  admin: { id: 1, email: "anna.admin@goteborg.se", name: "Anna Admin", role: "admin", organisations: [] },
  manager: { id: 2, email: "maria.chef@goteborg.se", name: "Maria Chef", role: "manager", organisations: [] },
  coordinator: {
    id: 3,
    email: "sara.samordnare@goteborg.se",
    name: "Sara Samordnare",
    role: "coordinator",
    organisations: ["Fältenheten", "Polisen"],
  },
  viewer: { id: 4, email: "lars.lasare@goteborg.se", name: "Lars Läsare", role: "viewer", organisations: [] },
} satisfies Record<string, CurrentUser>;

/** `GET /api/auth/me` answering as `user`, or 401 for nobody. */
export function meRoute(user: CurrentUser | null): FakeResponse {
  return user
    ? { body: user }
    : { status: 401, body: { error: { code: "unauthenticated", message: "Du är inte inloggad. Logga in och försök igen." } } };
}

export const unauthenticated: FakeResponse = meRoute(null);

function LocationProbe() {
  const location = useLocation();
  return <div data-testid="location">{`${location.pathname}${location.search}`}</div>;
}

/** The whole app at `path`, with the app's own query client (its 401 handling included). */
export function renderApp(path: string) {
  const queryClient = createQueryClient({ retry: false });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[path]} useTransitions={false}>
        <App />
        <LocationProbe />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { queryClient, ...result };
}

/** Where the app is now: path and query. */
export function currentLocation(): string {
  return screen.getByTestId("location").textContent ?? "";
}
