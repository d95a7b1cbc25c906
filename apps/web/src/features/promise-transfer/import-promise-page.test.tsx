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
  const api = fakeFetch({ "/api/auth/me": meRoute(USERS.admin), ...workedExampleRoutes(), ...routes });
  vi.stubGlobal("fetch", api);
  renderApp("/loften/importera");
  return api;
}

const shared = {
  title: "Medborgarlöfte Backa 2026",
  area: "Hisings Backa",
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  commitments: [
    { title: "Uppsökande arbete", activityType: "outreach", unit: "tillfällen", target: 200, cadence: "year", organisations: ["Fältenheten"] },
    { title: "Trygghetsvandringar", activityType: "safety_walk", unit: "vandringar", target: null, cadence: "period", organisations: ["Polisen"] },
  ],
};

const paste = async (text: string) => {
  fireEvent.change(await screen.findByLabelText("… eller klistra in JSON"), { target: { value: text } });
  fireEvent.click(screen.getByRole("button", { name: "Granska" }));
};

describe("ImportPromisePage", () => {
  it("refuses text that is not JSON with a clear message at the field, and offers no import", async () => {
    open();
    await paste('{"title": "Backa", ');
    const field = screen.getByLabelText("… eller klistra in JSON");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    const problem = document.getElementById(field.getAttribute("aria-describedby") ?? "");
    expect(problem?.textContent).toContain("Texten är inte giltig JSON.");
    expect(document.activeElement).toBe(field);
    expect(screen.queryByRole("button", { name: "Importera som nytt löfte" })).toBeNull();
  });

  it("names each field of a promise the contract refuses", async () => {
    open();
    await paste(JSON.stringify({ ...shared, commitments: [] }));
    expect(screen.getByText("JSON-texten är inget giltigt medborgarlöfte. Rätta det här och försök igen:")).toBeTruthy();
    expect(screen.getByText("commitments: Ett medborgarlöfte behöver minst ett åtagande.")).toBeTruthy();
  });

  it("previews the promise, then creates it and goes to it", async () => {
    const created: PromiseDetail = { ...workedExamplePromise, id: 6, status: "draft" };
    const api = open({ "POST /api/promises": { status: 201, body: created }, "/api/promises/6": { body: created } });
    await paste(JSON.stringify(shared));
    const preview = within(screen.getByRole("region", { name: "Förhandsgranskning" }));
    expect(preview.getByText("Medborgarlöfte Backa 2026")).toBeTruthy();
    expect(preview.getByText("2026-01-01 – 2026-12-31")).toBeTruthy();
    expect(preview.getByText("2 åtaganden:")).toBeTruthy();
    expect(preview.getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "Uppsökande arbete – 200 tillfällen per år",
      "Trygghetsvandringar – inget siffermål",
    ]);
    fireEvent.click(preview.getByRole("button", { name: "Importera som nytt löfte" }));
    await waitFor(() => expect(currentLocation()).toBe("/loften/6"));
    const post = api.requests.find((request) => request.method === "POST");
    expect(post?.url).toBe("/api/promises");
    expect(post?.body).toMatchObject({ ...shared, status: "draft" });
  });

  it("shows what the API refused", async () => {
    open({
      "POST /api/promises": {
        status: 409,
        body: { error: { code: "conflict", message: "Det finns redan ett medborgarlöfte med slug medborgarlofte-backa-2026." } },
      },
    });
    await paste(JSON.stringify(shared));
    fireEvent.click(screen.getByRole("button", { name: "Importera som nytt löfte" }));
    expect((await screen.findByRole("alert")).textContent).toContain("Det finns redan ett medborgarlöfte med slug");
  });
});
