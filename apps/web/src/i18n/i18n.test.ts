import { STATUS_LABELS_SV } from "@lofteskollen/domain";
import { describe, expect, it } from "vitest";
import en from "./en.json";
import sv from "./sv.json";

/** Every text of a resource as [dotted key, value]. */
function entriesOf(value: unknown, prefix = ""): [string, unknown][] {
  if (typeof value !== "object" || value === null) return [[prefix, value]];
  return Object.entries(value).flatMap(([key, child]) => entriesOf(child, prefix ? `${prefix}.${key}` : key));
}

describe("translations", () => {
  it("give every Swedish text an English translation and nothing more", () => {
    const keys = (resource: unknown) => entriesOf(resource).map(([key]) => key).toSorted();
    expect(keys(en)).toEqual(keys(sv));
  });

  it("leave no text empty in either language", () => {
    const empty = [...entriesOf(sv), ...entriesOf(en)].filter(([, text]) => typeof text !== "string" || text.trim() === "");
    expect(empty).toEqual([]);
  });
});

describe("the status words", () => {
  it("are the ones the CSV exports use, so a report reads like the screen", () => {
    expect(sv.status).toEqual(STATUS_LABELS_SV);
  });
});
