import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { i18n } from "../../i18n";
import { createTestQueryClient, fakeFetch, renderWithQueries } from "../../test/render";
import { progressFixture } from "./progress.fixture";
import { ProgressOverview } from "./progress-overview";
import { progressQueries } from "./queries";

const promise = { id: 1, title: "Exempel: Nordost – förnyat löfte (påhittat exempel)", example: true };
const asOf = "2026-11-22";
const NBSP = "\u00a0";

afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  await i18n.changeLanguage("sv");
});

function renderOverview() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(progressQueries.promise(promise.id, asOf).queryKey, progressFixture);
  return renderWithQueries(<ProgressOverview promise={promise} asOf={asOf} isToday />, queryClient);
}

function commitmentItem(title: string): HTMLElement {
  return screen.getByRole("listitem", { name: title });
}

describe("ProgressOverview", () => {
  it("shows every commitment with its status in words and an icon", () => {
    renderOverview();
    const list = screen.getByRole("list", { name: "Åtaganden" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(6);
    expect(within(commitmentItem("Hot spot/bevakning där unga vistas")).getByText("Uppnått")).toBeTruthy();
    expect(commitmentItem("Hot spot/bevakning där unga vistas").textContent).toContain("✓");
    expect(within(commitmentItem("SSPF sammankallar nyckelaktörer")).getByText("Efter plan")).toBeTruthy();
    expect(within(commitmentItem("Aktiviteter på mötesplatserna")).getByText("I fas")).toBeTruthy();
    expect(within(commitmentItem("Medverka vid föräldrautbildningar")).getByText("Följs (utan mål)")).toBeTruthy();
  });

  it("says how far each commitment has come in its current window, targets rounded up", () => {
    renderOverview();
    expect(commitmentItem("SSPF sammankallar nyckelaktörer").textContent).toContain("39 av 60 tillfällen under 2026 hittills");
    expect(commitmentItem("Aktiviteter på mötesplatserna").textContent).toContain(`3${NBSP}394 av 3${NBSP}500 aktiviteter`);
    expect(commitmentItem("SSPF-arbetsmöten, minst 2 per termin").textContent).toContain("0 av 2 möten under ht 2026");
    expect(commitmentItem("Trygghetsvandringar, minst 4 per månad").textContent).toContain("under november 2026");
    expect(commitmentItem("Medverka vid föräldrautbildningar").textContent).toContain("9 tillfällen under hela perioden");
  });

  it("says what pace is needed when the target is not yet reached", () => {
    renderOverview();
    const behind = commitmentItem("SSPF sammankallar nyckelaktörer").textContent;
    expect(behind).toContain("För att vara i fas i dag behövs 54.");
    expect(behind).toContain("21 tillfällen kvar – behöver 3,8 per vecka.");
    expect(commitmentItem("SSPF-arbetsmöten, minst 2 per termin").textContent).toContain("behöver 0,4 per vecka");
    expect(commitmentItem("Hot spot/bevakning där unga vistas").textContent).toContain("Målet är nått.");
    expect(commitmentItem("Hot spot/bevakning där unga vistas").textContent).not.toContain("per vecka");
  });

  it("summarises how many commitments have each status, most urgent first", () => {
    renderOverview();
    const summary = screen.getByRole("list", { name: "Sammanfattning av åtagandena" });
    expect(within(summary).getAllByRole("listitem").map((item) => item.textContent)).toEqual([
      "▼Efter plan 2",
      "▲I fas 2",
      "✓Uppnått 1",
      "•Följs (utan mål) 1",
    ]);
  });

  it("marks an invented example as invented above its figures", () => {
    renderOverview();
    expect(screen.getByText("Påhittat exempel").closest("p")?.textContent).toContain("Exempel: Nordost");
  });

  it("never shows undefined or NaN", () => {
    const { container } = renderOverview();
    expect(container.textContent).not.toMatch(/undefined|NaN|null/);
  });

  it("speaks English when the language is switched", async () => {
    await i18n.changeLanguage("en");
    renderOverview();
    expect(screen.getByRole("heading", { name: "How it is going" })).toBeTruthy();
    expect(commitmentItem("SSPF sammankallar nyckelaktörer").textContent).toContain("39 of 60 tillfällen in 2026 so far");
    expect(within(commitmentItem("SSPF sammankallar nyckelaktörer")).getByText("Behind")).toBeTruthy();
  });

  it("shows the API's own message when the progress cannot be loaded", async () => {
    vi.stubGlobal(
      "fetch",
      fakeFetch({
        [`/api/promises/1/progress?asOf=${asOf}`]: {
          status: 404,
          body: { error: { code: "not_found", message: "Det finns inget medborgarlöfte med id 1." } },
        },
      }),
    );
    renderWithQueries(<ProgressOverview promise={promise} asOf={asOf} isToday />);
    expect(screen.getByRole("status").textContent).toBe("Räknar fram läget …");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Det gick inte att hämta läget för medborgarlöftet.");
    expect(alert.textContent).toContain("Det finns inget medborgarlöfte med id 1.");
    expect(within(alert).getByRole("button", { name: "Försök igen" })).toBeTruthy();
  });
});
