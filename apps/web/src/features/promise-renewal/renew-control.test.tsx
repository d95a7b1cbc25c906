import type { PromiseDetail } from "@lofteskollen/contracts";
import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentLocation, type FakeRoute, fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { workedExamplePromise, workedExampleRoutes } from "../../test/worked-example";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function open(routes: Record<string, FakeRoute> = {}) {
  const api = fakeFetch({ "/api/auth/me": meRoute(USERS.manager), ...workedExampleRoutes(), ...routes });
  vi.stubGlobal("fetch", api);
  renderApp("/loften/1");
  return api;
}

const renewDialog = async () => {
  fireEvent.click(await screen.findByRole("button", { name: "Förnya löftet" }));
  return screen.getByRole("dialog", { name: "Förnya ”Hisings Backa – räkneexemplet”" });
};

describe("RenewControl", () => {
  it("proposes the next period of the same length, renews into a draft and goes to it", async () => {
    const renewed: PromiseDetail = { ...workedExamplePromise, id: 2, status: "draft", predecessorId: 1, startDate: "2026-01-01", endDate: "2027-11-05" };
    const api = open({ "POST /api/promises/1/renew": { status: 201, body: renewed }, "/api/promises/2": { body: renewed } });
    const dialog = await renewDialog();
    expect(document.activeElement).toBe(within(dialog).getByRole("heading"));
    // 2024-02-27 – 2025-12-31 is 674 days; so is 2026-01-01 – 2027-11-05.
    expect(within(dialog).getByLabelText("Startdatum")).toHaveProperty("value", "2026-01-01");
    expect(within(dialog).getByLabelText("Slutdatum")).toHaveProperty("value", "2027-11-05");
    fireEvent.change(within(dialog).getByLabelText("Slutdatum"), { target: { value: "2027-12-31" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Förnya" }));

    await waitFor(() => expect(currentLocation()).toBe("/loften/2"));
    expect(api.requests.filter((request) => request.method === "POST").map(({ url, body }) => ({ url, body }))).toEqual([
      { url: "/api/promises/1/renew", body: { startDate: "2026-01-01", endDate: "2027-12-31" } },
    ]);
    expect((await screen.findByRole("link", { name: /Föregående period/ })).getAttribute("href")).toBe("/loften/1");
  });

  it("refuses a new period that ends before it starts, at the field, and sends nothing", async () => {
    const api = open();
    const dialog = await renewDialog();
    const end = within(dialog).getByLabelText("Slutdatum");
    fireEvent.change(end, { target: { value: "2025-06-30" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Förnya" }));
    const error = within(dialog).getByText("Slutdatumet ligger före startdatumet.");
    expect(end.getAttribute("aria-describedby")).toBe(error.id);
    expect(document.activeElement).toBe(end);
    expect(api.requests.some((request) => request.method === "POST")).toBe(false);
  });

  it("closes on Avbryt and gives focus back to the button", async () => {
    open();
    const dialog = await renewDialog();
    fireEvent.click(within(dialog).getByRole("button", { name: "Avbryt" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Förnya löftet" }));
  });
});
