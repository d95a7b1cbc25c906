import type { Activity, PromiseDetail } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { activityFixture } from "../../test/activity";
import { commitmentFixture, promiseFixture } from "../../test/promise";
import { fakeFetch, meRoute, renderApp, USERS } from "../../test/render";
import { deviceQueue } from "./queue-store";

const today = todayInStockholm();
const promise: PromiseDetail = promiseFixture({ commitments: [commitmentFixture({ cadence: "period" })] });

const activity = (id: number): Activity =>
  activityFixture({ id, occurredAt: today, localDate: today, loggedBy: "Sara", createdAt: new Date().toISOString() });

function setOnline(online: boolean) {
  Object.defineProperty(window.navigator, "onLine", { configurable: true, get: () => online });
}

beforeEach(async () => {
  setOnline(true);
  for (const item of await deviceQueue().all()) await deviceQueue().remove(item.key);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  setOnline(true);
});

describe("logging without network", () => {
  it("keeps an activity on the device, says it waits, and sends it once, with its key, when the network returns", async () => {
    const sentKeys: string[] = [];
    const api = fakeFetch({
      "/api/auth/me": meRoute(USERS.coordinator),
      "/api/promises": { body: [promise] },
      "/api/promises/1": { body: promise },
      "POST /api/activities": (request) => {
        sentKeys.push(request.headers.get("Idempotency-Key") ?? "");
        return { status: 201, body: activity(700 + sentKeys.length) };
      },
    });
    vi.stubGlobal("fetch", api);
    renderApp("/registrera?atagande=11");
    await screen.findByRole("button", { name: "Spara" });

    setOnline(false);
    fireEvent.click(screen.getByRole("button", { name: "Spara" }));
    expect(await screen.findByText("Sparad på telefonen: Uppsökande arbete. Den skickas när du har nät igen.")).toBeTruthy();
    expect(await screen.findByText("Väntar på nät")).toBeTruthy();
    const [queued] = await deviceQueue().all();
    expect(queued).toMatchObject({ state: "waiting", input: { commitmentId: 11, occurredAt: today, quantity: 1 } });
    expect(sentKeys).toEqual([]);

    setOnline(true);
    await act(async () => {
      window.dispatchEvent(new Event("online"));
    });
    await waitFor(async () => expect(await deviceQueue().all()).toEqual([]));
    expect(sentKeys).toEqual([queued?.key]);
    await waitFor(() => expect(screen.queryByText("Väntar på nät")).toBeNull());
  });

  it("shows an entry the server refused with its reason, to fix or to remove", async () => {
    await deviceQueue().put({
      key: "k-1",
      userId: USERS.coordinator.id,
      input: { commitmentId: 11, occurredAt: "2099-01-01", quantity: 2 },
      commitmentTitle: "Uppsökande arbete",
      queuedAt: new Date().toISOString(),
      state: "waiting",
    });
    vi.stubGlobal(
      "fetch",
      fakeFetch({
        "/api/auth/me": meRoute(USERS.coordinator),
        "/api/promises": { body: [promise] },
        "/api/promises/1": { body: promise },
        "POST /api/activities": {
          status: 422,
          body: {
            error: {
              code: "rule_violation",
              message: "Kontrollera fältet occurredAt.",
              issues: [{ path: "occurredAt", code: "in_future", message: "Aktiviteten kan inte ha skett i framtiden." }],
            },
          },
        },
      }),
    );
    renderApp("/registrera");
    expect(await screen.findByText("Kunde inte registreras: Aktiviteten kan inte ha skett i framtiden.")).toBeTruthy();
    expect((await deviceQueue().all())[0]?.state).toBe("refused");

    // Fixing opens the form with the entry's values.
    fireEvent.click(screen.getByRole("button", { name: "Rätta" }));
    expect((await screen.findByLabelText("Antal tillfällen") as HTMLInputElement).value).toBe("2");
    fireEvent.click(screen.getByRole("button", { name: "Tillbaka" }));

    // Removing asks first, then the entry is gone from the device.
    fireEvent.click(await screen.findByRole("button", { name: "Ta bort" }));
    fireEvent.click(screen.getByRole("button", { name: "Ja, ta bort den" }));
    await waitFor(async () => expect(await deviceQueue().all()).toEqual([]));
  });
});
