import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activityFingerprint, matchDuplicates } from "./duplicates";

const base = { commitmentId: 6, localDate: "2024-03-14", quantity: 2, organisationId: 3, place: "Torget", note: null };

describe("activityFingerprint", () => {
  it("is equal for the same commitment, day, quantity, organisation, place and note", () => {
    expect(activityFingerprint(base)).toBe(activityFingerprint({ ...base }));
  });

  it.each([
    ["commitment", { commitmentId: 7 }],
    ["day", { localDate: "2024-03-15" }],
    ["quantity", { quantity: 3 }],
    ["organisation", { organisationId: null }],
    ["place", { place: "Torget " }],
    ["note", { note: "" }],
  ])("differs when the %s differs", (_name, change) => {
    expect(activityFingerprint({ ...base, ...change })).not.toBe(activityFingerprint(base));
  });

  it("keeps fields apart whatever the text holds", () => {
    expect(activityFingerprint({ ...base, place: "a", note: "b" })).not.toBe(activityFingerprint({ ...base, place: "a\",\"b", note: null }));
  });
});

describe("matchDuplicates", () => {
  it("marks the n-th identical row a duplicate only when n identical activities are stored", () => {
    const existing = new Map([["A", [10]]]);
    expect(matchDuplicates(["A", "A", "B", "A"], existing)).toEqual([10, null, null, null]);
  });

  it("skips rows without a fingerprint (rows with errors)", () => {
    expect(matchDuplicates([null, "A", null], new Map([["A", [4, 5]]]))).toEqual([null, 4, null]);
  });

  it("finds every row of a file stored once it has been imported: re-importing creates nothing", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("A", "B", "C", "D"), { maxLength: 40 }), fc.array(fc.constantFrom("A", "B", "C"), { maxLength: 10 }), (file, alreadyStored) => {
        // Stored before: some activities, then the first import stores what it found new.
        let nextId = 1;
        const stored = new Map<string, number[]>();
        const store = (key: string) => stored.set(key, [...(stored.get(key) ?? []), nextId++]);
        alreadyStored.forEach(store);
        const first = matchDuplicates(file, stored);
        file.forEach((key, i) => {
          if (first[i] === null) store(key);
        });
        // Each stored activity is matched by at most one row.
        const matched = first.filter((id) => id !== null);
        expect(new Set(matched).size).toBe(matched.length);
        // Every key now has at least as many activities as the file has rows with it.
        expect(matchDuplicates(file, stored).every((id) => id !== null)).toBe(true);
      }),
    );
  });
});
