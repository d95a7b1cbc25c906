import type { Commitment, CommitmentProgress } from "@lofteskollen/contracts";
import { describe, expect, it } from "vitest";
import { groupByTheme } from "./theme-groups";

const commitment = (id: number, theme: string | null): Commitment => ({
  id,
  promiseId: 1,
  title: `Åtagande ${id}`,
  description: null,
  theme,
  activityType: "other",
  unit: "tillfällen",
  target: null,
  cadence: "period",
  organisations: ["Polisen"],
});
const progress = (commitmentId: number): CommitmentProgress => ({
  commitmentId,
  title: `Åtagande ${commitmentId}`,
  unit: "tillfällen",
  target: null,
  cadence: "period",
  status: "tracking",
  current: null,
  total: { target: null, actual: 0 },
  windows: [],
});

describe("groupByTheme", () => {
  it("groups in the promise's theme order, unlisted themes next, no theme last", () => {
    const commitments = [commitment(1, "Fritid"), commitment(2, null), commitment(3, "Skola"), commitment(4, "Trafik"), commitment(5, "Skola")];
    const groups = groupByTheme(["Skola", "Lokalområde", "Fritid"], commitments, [1, 2, 3, 4, 5].map(progress));
    expect(groups.map((group) => [group.theme, group.items.map((item) => item.commitment.id)])).toEqual([
      ["Skola", [3, 5]],
      ["Fritid", [1]],
      ["Trafik", [4]],
      [null, [2]],
    ]);
  });

  it("leaves out a commitment that has no progress yet", () => {
    expect(groupByTheme([], [commitment(1, "Skola"), commitment(2, "Skola")], [progress(2)])[0]?.items).toHaveLength(1);
  });
});
