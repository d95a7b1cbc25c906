import { describe, expect, it } from "vitest";
import { commitmentQueries } from "./queries";

describe("commitmentQueries", () => {
  it("keys everything about one commitment under its id, each part with what it fetches by", () => {
    const range = { from: "2024-01-01", to: "2024-06-30" };
    expect(commitmentQueries.organisations(11, range).queryKey).toEqual(["commitments", 11, "organisations", range]);
    expect(commitmentQueries.updates(11).queryKey).toEqual(["commitments", 11, "updates"]);
    expect(commitmentQueries.activities(11).queryKey).toEqual(["commitments", 11, "activities", { limit: 25 }]);
    for (const key of [commitmentQueries.updates(11).queryKey, commitmentQueries.activities(11).queryKey]) {
      expect(key.slice(0, 2)).toEqual([...commitmentQueries.detail(11)]);
    }
  });
});
