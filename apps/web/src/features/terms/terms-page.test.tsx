import type { CurrentUser } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const defaults2031 = [
  { id: null, name: "vt 2031", startDate: "2031-01-01", endDate: "2031-06-15", default: true },
  { id: null, name: "ht 2031", startDate: "2031-08-15", endDate: "2031-12-31", default: true },
];

function open(user: CurrentUser, routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({ "/api/auth/me": meRoute(user), "/api/terms?year=2031": { body: defaults2031 }, ...routes });
  vi.stubGlobal("fetch", api);
  renderApp("/terminskalender");
  return api;
}

async function year2031() {
  const year = await screen.findByLabelText("År");
  fireEvent.change(year, { target: { value: "2031" } });
  return screen.findByRole("form", { name: "Terminer 2031" });
}

describe("TermsPage", () => {
  it.each([
    ["a manager", USERS.manager],
    ["a coordinator", USERS.coordinator],
  ])("is hidden from %s: not in the menu, and the address says no", async (_who, user) => {
    open(user);
    expect(await screen.findByRole("heading", { name: "Ingen behörighet" })).toBeTruthy();
    expect(screen.queryByRole("link", { name: "Terminskalender" })).toBeNull();
  });

  it("shows a year nobody entered by the default rule, and saves edited dates", async () => {
    const api = open(USERS.admin, { "PUT /api/terms": { body: defaults2031 } });
    const form = within(await year2031());
    expect(form.getAllByText("standardregel")).toHaveLength(2);
    const vt = form.getByRole("group", { name: /^vt 2031/ });
    fireEvent.change(within(vt).getByLabelText("Slutdatum"), { target: { value: "2031-06-12" } });
    fireEvent.click(form.getByRole("button", { name: "Spara terminerna" }));
    expect(await form.findByText("Terminerna för 2031 är sparade.")).toBeTruthy();
    expect(api.requests.find((request) => request.method === "PUT")?.body).toEqual({
      terms: [
        { name: "vt 2031", startDate: "2031-01-01", endDate: "2031-06-12" },
        { name: "ht 2031", startDate: "2031-08-15", endDate: "2031-12-31" },
      ],
    });
  });

  it("checks the dates at the field and shows the API's refusal at the field it names", async () => {
    const api = open(USERS.admin, {
      "PUT /api/terms": {
        status: 400,
        body: {
          error: {
            code: "validation_error",
            message: "Kontrollera fälten.",
            issues: [{ path: "terms.1.startDate", code: "custom", message: "ht 2031 överlappar vt 2031 (som slutar 2031-09-01)." }],
          },
        },
      },
    });
    const form = within(await year2031());
    const vtEnd = within(form.getByRole("group", { name: /^vt 2031/ })).getByLabelText("Slutdatum");
    fireEvent.change(vtEnd, { target: { value: "2030-12-01" } });
    fireEvent.click(form.getByRole("button", { name: "Spara terminerna" }));
    expect(form.getByText("Slutdatumet ligger före startdatumet.")).toBeTruthy();
    expect(document.activeElement).toBe(vtEnd);
    expect(api.requests.some((request) => request.method === "PUT")).toBe(false);

    fireEvent.change(vtEnd, { target: { value: "2031-09-01" } });
    fireEvent.click(form.getByRole("button", { name: "Spara terminerna" }));
    const htStart = within(form.getByRole("group", { name: /^ht 2031/ })).getByLabelText("Startdatum");
    await waitFor(() => expect(htStart.getAttribute("aria-invalid")).toBe("true"));
    expect(form.getByText("ht 2031 överlappar vt 2031 (som slutar 2031-09-01).")).toBeTruthy();
    expect(document.activeElement).toBe(htStart);
  });
});
