import { describe, expect, it } from "vitest";
import { safeNextPath, signInPath } from "./next-path";

describe("safeNextPath", () => {
  it("goes back to a path of this site with its query", () => {
    expect(safeNextPath("/handelselogg?recordType=activity&from=2026-01-01")).toBe("/handelselogg?recordType=activity&from=2026-01-01");
    expect(safeNextPath("/api-nycklar")).toBe("/api-nycklar");
  });

  it("goes to the start page when there is nowhere to go back to", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
    expect(safeNextPath("")).toBe("/");
  });

  it("never leaves the site, however the address is disguised", () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "javascript:alert(1)",
      "evil.example",
      "handelselogg",
    ]) {
      expect(safeNextPath(next), next).toBe("/");
    }
  });

  it("does not send a person back to the sign-in page after signing in", () => {
    expect(safeNextPath("/logga-in?next=%2Fhandelselogg")).toBe("/");
  });
});

describe("signInPath", () => {
  it("asks the sign-in page to come back to the path and query the person was on", () => {
    expect(signInPath({ pathname: "/handelselogg", search: "?recordType=activity" })).toBe(
      "/logga-in?next=%2Fhandelselogg%3FrecordType%3Dactivity",
    );
  });

  it("needs no way back from the start page", () => {
    expect(signInPath({ pathname: "/", search: "" })).toBe("/logga-in");
  });

  it("round-trips through safeNextPath", () => {
    const path = signInPath({ pathname: "/handelselogg", search: "?userId=3&to=2026-02-01" });
    const next = new URLSearchParams(path.split("?")[1]).get("next");
    expect(safeNextPath(next)).toBe("/handelselogg?userId=3&to=2026-02-01");
  });
});
