import { describe, expect, it } from "vitest";
import { api, apiPath } from "./endpoints";

describe("apiPath", () => {
  it("writes the query string, leaving out what is empty", () => {
    expect(apiPath("/api/activities", { commitmentId: 11, limit: 25, cursor: null })).toBe("/api/activities?commitmentId=11&limit=25");
    expect(apiPath("/api/promises")).toBe("/api/promises");
  });

  it("encodes what it writes", () => {
    expect(apiPath("/api/activities", { cursor: "a&b=c" })).toBe("/api/activities?cursor=a%26b%3Dc");
  });
});

describe("the download links", () => {
  it("point at the API's CSV exports", () => {
    expect(api.promises.progressCsvUrl(3, "2024-12-31")).toBe("/api/promises/3/progress.csv?asOf=2024-12-31");
    expect(api.commitments.activitiesCsvUrl(11)).toBe("/api/commitments/11/activities.csv");
  });
});
