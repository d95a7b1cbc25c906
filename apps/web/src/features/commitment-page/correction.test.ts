import { describe, expect, it } from "vitest";
import { activityFixture } from "../../test/activity";
import { correctionChanges, correctionFieldsOf } from "./correction";

const original = activityFixture({ localDate: "2024-07-01", quantity: 3, place: "Hammarkullen torg", note: null });

describe("correctionChanges", () => {
  it("sends nothing for a form left as it was filled in", () => {
    expect(correctionChanges(original, correctionFieldsOf(original))).toEqual({});
  });

  it("sends only the fields that changed, the quantity as a number", () => {
    const fields = { ...correctionFieldsOf(original), date: "2024-06-30", quantity: " 4 " };
    expect(correctionChanges(original, fields)).toEqual({ occurredAt: "2024-06-30", quantity: 4 });
  });

  it("clears an emptied text with null and trims the others", () => {
    const fields = { ...correctionFieldsOf(original), place: "  ", note: " Regn, få ute " };
    expect(correctionChanges(original, fields)).toEqual({ place: null, note: "Regn, få ute" });
  });

  it("treats text differing only by surrounding spaces as unchanged", () => {
    expect(correctionChanges(original, { ...correctionFieldsOf(original), place: " Hammarkullen torg " })).toEqual({});
  });
});
