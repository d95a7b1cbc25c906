import { describe, expect, it } from "vitest";
import { activityTypeOptions } from "./activity-type-options";

const TYPES = [
  { code: "outreach", label: "Uppsökande arbete", archived: false },
  { code: "old_walk", label: "Gammal vandring", archived: true },
  { code: "sspf_meeting", label: "SSPF-möte", archived: false },
];
const archived = (label: string) => `${label} (arkiverad)`;

describe("activityTypeOptions", () => {
  it("offers a new commitment only the types that are not archived", () => {
    expect(activityTypeOptions(TYPES, [""], archived).map((o) => o.value)).toEqual(["outreach", "sspf_meeting"]);
  });

  it("keeps an archived type, marked, for a commitment that has it, saved or chosen", () => {
    expect(activityTypeOptions(TYPES, ["old_walk", "outreach"], archived)).toEqual([
      { value: "outreach", label: "Uppsökande arbete" },
      { value: "old_walk", label: "Gammal vandring (arkiverad)" },
      { value: "sspf_meeting", label: "SSPF-möte" },
    ]);
  });

  it("keeps a code the list does not know, once, rather than losing it", () => {
    expect(activityTypeOptions(TYPES, ["gone", "gone"], archived).at(-1)).toEqual({ value: "gone", label: "gone" });
    expect(activityTypeOptions(undefined, ["gone"], archived)).toEqual([{ value: "gone", label: "gone" }]);
    expect(activityTypeOptions(TYPES, ["gone"], archived)).toHaveLength(3);
  });
});
