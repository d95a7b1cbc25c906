import type { CurrentUser, Update } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { WORKED_EXAMPLE_AS_OF, workedExampleRoutes } from "../../test/worked-example";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PATH = `/loften/1/ataganden/11?per=${WORKED_EXAMPLE_AS_OF}`;

const internal: Update = {
  id: 7,
  commitmentId: 11,
  date: "2024-06-25",
  text: "Ett pass ställdes in – personalbrist.",
  public: false,
  createdBy: "Maria Chef",
  createdAt: "2024-06-25T09:00:00.000Z",
};

function open(user: CurrentUser, routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({
    "/api/auth/me": meRoute(user),
    ...workedExampleRoutes(),
    "/api/commitments/11/updates": { body: [internal] },
    "/api/commitments/11/organisations?from=2024-02-27&to=2024-07-01": {
      body: { commitmentId: 11, from: "2024-02-27", to: "2024-07-01", organisations: [] },
    },
    ...routes,
  });
  vi.stubGlobal("fetch", api);
  renderApp(PATH);
  return api;
}

const box = () => screen.findByRole("checkbox", { name: /^Visas publikt\W+lägesrapporten 2024-06-25$/ });

describe("UpdatePublicToggle", () => {
  it("marks a lägesrapport public at once and sends it to the API", async () => {
    let stored = internal;
    const api = open(USERS.manager, {
      "/api/commitments/11/updates": () => ({ body: [stored] }),
      "PATCH /api/updates/7": (request) => {
        stored = { ...internal, ...(request.body as { public: boolean }) };
        return { body: stored };
      },
    });
    const checkbox = await box();
    expect(checkbox).toHaveProperty("checked", false);
    fireEvent.click(checkbox);
    await waitFor(() => expect(checkbox).toHaveProperty("checked", true));
    const patch = api.requests.find((request) => request.method === "PATCH");
    expect(patch).toMatchObject({ url: "/api/updates/7", body: { public: true } });
    // The list and the promise are fetched again afterwards.
    await waitFor(() => expect(api.requests.filter((request) => request.url === "/api/commitments/11/updates").length).toBe(2));
    expect(await box()).toHaveProperty("checked", true);
  });

  it("goes back and says why when the API refuses (403)", async () => {
    let answer: (value: { status: number; body: unknown }) => void = () => {};
    let reads = 0;
    open(USERS.admin, {
      // After the first answer the list never comes back: only the rollback can undo the click.
      "/api/commitments/11/updates": () => (reads++ === 0 ? { body: [internal] } : new Promise(() => {})),
      "PATCH /api/updates/7": () =>
        new Promise((resolve) => {
          answer = resolve;
        }),
    });
    const checkbox = await box();
    fireEvent.click(checkbox);
    // Optimistic: checked while the API has not answered.
    await waitFor(() => expect(checkbox).toHaveProperty("checked", true));
    answer({ status: 403, body: { error: { code: "forbidden", message: "Du har inte behörighet att ändra lägesrapporten." } } });
    expect((await screen.findByRole("alert")).textContent).toBe("Ändringen sparades inte: Du har inte behörighet att ändra lägesrapporten.");
    expect(await box()).toHaveProperty("checked", false);
  });

  it.each([
    ["a coordinator", USERS.coordinator],
    ["a viewer", USERS.viewer],
  ])("shows %s a read-only word, no box", async (_who, user) => {
    open(user, { "/api/commitments/11/updates": { body: [{ ...internal, public: true }] } });
    await screen.findByText("Ett pass ställdes in – personalbrist.");
    expect(screen.queryByRole("checkbox", { name: /Visas publikt/ })).toBeNull();
    expect(screen.getByText("Publik")).toBeTruthy();
  });
});
