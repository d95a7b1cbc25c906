import type { CreatedToken, Token } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const SECRET = "lk_3q7XbVd0mJ9pQ2sT8wZr4yN1cA6eF5gH";

const importKey: Token = {
  id: 1,
  userId: 3,
  name: "Import från Lifecare",
  createdAt: "2026-01-10T09:15:00.000Z",
  lastUsedAt: "2026-07-01T10:00:00.000Z",
  revokedAt: null,
};

const oldKey: Token = {
  id: 2,
  userId: 3,
  name: "Gammalt skript",
  createdAt: "2025-03-01T08:00:00.000Z",
  lastUsedAt: null,
  revokedAt: "2025-12-24T15:00:00.000Z",
};

function rowOf(name: string): HTMLElement {
  const row = screen.getByRole("rowheader", { name }).closest("tr");
  if (!row) throw new Error(`No row for ${name}`);
  return row;
}

describe("TokensPage", () => {
  it("lists the keys with when they were created, last used and revoked", async () => {
    vi.stubGlobal("fetch", fakeFetch({ "/api/auth/me": meRoute(USERS.coordinator), "/api/tokens": { body: [importKey, oldKey] } }));
    renderApp("/api-nycklar");
    await screen.findByRole("table");

    expect(rowOf("Import från Lifecare").textContent).toContain("2026-01-10 10:15");
    expect(rowOf("Import från Lifecare").textContent).toContain("2026-07-01 12:00");
    expect(rowOf("Import från Lifecare").textContent).toContain("Aktiv");
    expect(rowOf("Gammalt skript").textContent).toContain("Aldrig");
    expect(rowOf("Gammalt skript").textContent).toContain("Återkallad 2025-12-24 16:00");
    expect(within(rowOf("Gammalt skript")).queryByRole("button")).toBeNull();
  });

  it("shows a new key's secret once, read-only, with the warning, and then never again", async () => {
    let tokens: Token[] = [];
    const created: CreatedToken = { ...importKey, lastUsedAt: null, token: SECRET };
    const api = fakeFetch({
      "/api/auth/me": meRoute(USERS.coordinator),
      "/api/tokens": () => ({ body: tokens }),
      "POST /api/tokens": () => {
        tokens = [{ ...importKey, lastUsedAt: null }];
        return { status: 201, body: created };
      },
    });
    vi.stubGlobal("fetch", api);
    const writeText = vi.fn(async () => {});
    vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
    const { queryClient } = renderApp("/api-nycklar");

    fireEvent.change(await screen.findByLabelText("Namn på nyckeln"), { target: { value: "Import från Lifecare" } });
    fireEvent.click(screen.getByRole("button", { name: "Skapa nyckel" }));

    const secret = await screen.findByLabelText("Din nya API-nyckel");
    expect(secret).toHaveProperty("value", SECRET);
    expect(secret).toHaveProperty("readOnly", true);
    expect(screen.getByText(/Nyckeln visas bara nu\./).textContent).toContain("den går inte att visa igen");
    expect(api.requests.find((request) => request.method === "POST")?.body).toEqual({ name: "Import från Lifecare" });
    expect(screen.getByLabelText("Namn på nyckeln")).toHaveProperty("value", "");

    fireEvent.click(screen.getByRole("button", { name: "Kopiera nyckeln" }));
    expect(await screen.findByText("Nyckeln är kopierad.")).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith(SECRET);

    // The list, fetched again, knows the key by name only.
    await screen.findByRole("rowheader", { name: "Import från Lifecare" });
    fireEvent.click(screen.getByRole("button", { name: "Jag har sparat nyckeln" }));

    await waitFor(() => expect(screen.queryByLabelText("Din nya API-nyckel")).toBeNull());
    expect(document.body.innerHTML).not.toContain(SECRET);
    expect(JSON.stringify(queryClient.getQueryCache().getAll().map((query) => query.state.data))).not.toContain(SECRET);
  });

  it("shows the API's message when a key cannot be created", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch({
        "/api/auth/me": meRoute(USERS.viewer),
        "/api/tokens": { body: [] },
        "POST /api/tokens": {
          status: 400,
          body: { error: { code: "validation_error", message: "Namnet får vara högst 100 tecken." } },
        },
      }),
    );
    renderApp("/api-nycklar");
    fireEvent.click(await screen.findByRole("button", { name: "Skapa nyckel" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Namnet får vara högst 100 tecken.");
  });

  it("revokes a key only after the person confirms", async () => {
    let tokens: Token[] = [importKey];
    const api = fakeFetch({
      "/api/auth/me": meRoute(USERS.coordinator),
      "/api/tokens": () => ({ body: tokens }),
      "POST /api/tokens/1/revoke": () => {
        tokens = [{ ...importKey, revokedAt: "2026-07-02T08:00:00.000Z" }];
        return { body: tokens[0] };
      },
    });
    vi.stubGlobal("fetch", api);
    renderApp("/api-nycklar");
    await screen.findByRole("table");

    fireEvent.click(screen.getByRole("button", { name: "Återkalla ”Import från Lifecare”" }));
    expect(screen.getByText(/Skript som använder nyckeln slutar fungera direkt/)).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Avbryt" }));
    expect(api.requests.some((request) => request.method === "POST")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Återkalla ”Import från Lifecare”" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, återkalla" }));

    expect(await screen.findByText("Återkallad 2026-07-02 10:00")).toBeTruthy();
    expect(api.requests.filter((request) => request.method === "POST").map((request) => request.url)).toEqual([
      "/api/tokens/1/revoke",
    ]);
    expect(screen.getByText("Nyckeln ”Import från Lifecare” är återkallad.").getAttribute("role")).toBe("status");
  });
});
