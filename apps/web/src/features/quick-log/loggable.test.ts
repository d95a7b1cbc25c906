import type { CurrentUser, PromiseDetail } from "@lofteskollen/contracts";
import { describe, expect, it } from "vitest";
import { commitmentFixture, promiseFixture } from "../../test/promise";
import { dayChoices, loggableCommitments, matchesSearch, recentFirst } from "./loggable";

const commitment = (id: number, title: string, organisations: string[]) =>
  commitmentFixture({ id, title, theme: "Fritid", target: 100, organisations });

const promise = (id: number, startDate: string, endDate: string, commitments: PromiseDetail["commitments"]): PromiseDetail =>
  promiseFixture({ id, slug: `p${id}`, title: `Löfte ${id}`, startDate, endDate, commitments });

const coordinator: CurrentUser = { id: 3, email: "s@x.se", name: "Sara", role: "coordinator", organisations: ["Fältenheten"] };
const admin: CurrentUser = { id: 1, email: "a@x.se", name: "Anna", role: "admin", organisations: [] };
const manager: CurrentUser = { id: 2, email: "m@x.se", name: "Maria", role: "manager", organisations: [] };

const ongoing = promise(1, "2026-01-01", "2027-12-31", [
  commitment(11, "Uppsökande arbete", ["Fältenheten"]),
  commitment(12, "Hot spot", ["Polisen"]),
  commitment(13, "Trygghetsvandringar", ["Polisen", "Fältenheten"]),
]);
const ended = promise(2, "2023-01-01", "2024-12-31", [commitment(21, "Gammalt", ["Fältenheten"])]);
const justEnded = promise(3, "2025-01-01", "2026-11-20", [commitment(31, "Nyss slut", ["Fältenheten"])]);

describe("loggableCommitments", () => {
  it("offers a coordinator the commitments of their organisations in running promises, in their name", () => {
    const result = loggableCommitments(coordinator, [ongoing, ended], "2026-11-22");
    expect(result.map((c) => [c.id, c.organisations])).toEqual([
      [11, ["Fältenheten"]],
      [13, ["Fältenheten"]],
    ]);
  });

  it("offers an admin everything running, in any responsible organisation's name", () => {
    expect(loggableCommitments(admin, [ongoing], "2026-11-22").map((c) => [c.id, c.organisations])).toEqual([
      [11, ["Fältenheten"]],
      [12, ["Polisen"]],
      [13, ["Polisen", "Fältenheten"]],
    ]);
  });

  it("offers nothing to a manager, who plans but does not log", () => {
    expect(loggableCommitments(manager, [ongoing], "2026-11-22")).toEqual([]);
  });

  it("keeps a promise that ended less than a week ago, for last week's paper list", () => {
    expect(loggableCommitments(coordinator, [justEnded], "2026-11-22").map((c) => c.id)).toEqual([31]);
    expect(loggableCommitments(coordinator, [justEnded], "2026-11-28")).toEqual([]);
  });
});

describe("recentFirst and matchesSearch", () => {
  it("puts the most recently used first and keeps the rest in order", () => {
    const list = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }];
    expect(recentFirst(list, [3, 1]).map((c) => c.id)).toEqual([3, 1, 2, 4]);
  });

  it("finds by any word, without caring about case or å/ä/ö", () => {
    const item = { title: "Uppsökande arbete bland barn och unga", theme: "Lokalområde", promiseTitle: "Nordost 2026" };
    expect(matchesSearch(item, "uppsokande")).toBe(true);
    expect(matchesSearch(item, "LOKAL unga")).toBe(true);
    expect(matchesSearch(item, "hot spot")).toBe(false);
    expect(matchesSearch(item, "  ")).toBe(true);
  });

  it("offers yesterday one tap away", () => {
    expect(dayChoices("2026-03-01")).toEqual({ today: "2026-03-01", yesterday: "2026-02-28" });
  });
});
