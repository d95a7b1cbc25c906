import { ROLES } from "@lofteskollen/domain";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { describeUserAgent, organisationChoices, ROLE_CHOICES, toggled, userProblemsOf } from "./users-model";

const organisation = (id: number, name: string, archived = false) => ({ id, name, kind: "other" as const, archived, commitments: 0, activities: 0 });

describe("ROLE_CHOICES", () => {
  it("offers every role of the role table, once", () => {
    expect([...ROLE_CHOICES].sort()).toEqual([...ROLES].sort());
  });
});

describe("organisationChoices", () => {
  const all = [organisation(1, "Polisen"), organisation(2, "Ämnesföreningen"), organisation(3, "Gamla gänget", true), organisation(4, "Fältenheten")];

  it("leaves out archived organisations and sorts the rest in Swedish order (å ä ö last)", () => {
    expect(organisationChoices(all).map((choice) => choice.name)).toEqual(["Fältenheten", "Polisen", "Ämnesföreningen"]);
  });

  it("keeps an archived organisation the user already has, marked as archived", () => {
    expect(organisationChoices(all, ["Gamla gänget"])).toContainEqual({ name: "Gamla gänget", archived: true });
  });
});

describe("toggled", () => {
  const order = ["Fältenheten", "Polisen", "Ämnesföreningen"];
  it("adds in the order the choices are shown and removes", () => {
    expect(toggled(["Ämnesföreningen"], "Fältenheten", true, order)).toEqual(["Fältenheten", "Ämnesföreningen"]);
    expect(toggled(["Fältenheten", "Polisen"], "Fältenheten", false, order)).toEqual(["Polisen"]);
  });
  it("keeps a name that is no longer offered", () => {
    expect(toggled(["Borttagen"], "Polisen", true, order)).toEqual(["Polisen", "Borttagen"]);
  });
});

describe("userProblemsOf", () => {
  it("shows one organisation's problem at the organisations group, each field's first message", () => {
    const error = new ApiError("Uppgifterna bryter mot reglerna.", {
      status: 422,
      code: "unknown_organisation",
      fromApi: true,
      issues: [
        { path: "organisations.1", code: "unknown_organisation", message: "Aktören \"Fältenhten\" finns inte." },
        { path: "organisations.2", code: "archived_organisation", message: "Arkiverad." },
        { path: "password", code: "too_small", message: "För kort." },
      ],
    });
    expect(userProblemsOf(error)).toEqual({ organisations: "Aktören \"Fältenhten\" finns inte.", password: "För kort." });
  });
});

describe("describeUserAgent", () => {
  it.each([
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", "Chrome", "Windows"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari", "iPhone"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge", "Windows"],
    ["Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Linux"],
    ["Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36", "Samsung Internet", "Android"],
    ["Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari", "Mac"],
  ])("names %s", (userAgent, browser, system) => {
    expect(describeUserAgent(userAgent)).toEqual({ browser, system });
  });

  it("gives up on a script's agent and on none", () => {
    expect(describeUserAgent("curl/8.5.0")).toBeNull();
    expect(describeUserAgent(null)).toBeNull();
  });
});
