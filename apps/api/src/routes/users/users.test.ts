import { beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../lib/logger";
import { createTestApp, TEST_PASSWORD, TEST_USERS, type TestApp } from "../../test-support/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const newUser = (overrides: Record<string, unknown> = {}) => ({
  email: "Ny.Samordnare@Kommun.Example",
  name: "Ny Samordnare",
  role: "coordinator",
  organisations: ["Mötesplatserna"],
  password: "tre ord i följd",
  ...overrides,
});

describe("POST /api/users", () => {
  it("creates a user who can then sign in, with the email in lower case", async () => {
    const response = await t.request("POST", "/api/users", newUser());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: "ny.samordnare@kommun.example", role: "coordinator", organisations: ["Mötesplatserna"], disabledAt: null });
    const signIn = await t.request("POST", "/api/auth/sign-in", { email: "ny.samordnare@kommun.example", password: "tre ord i följd" }, {}, "anonymous");
    expect(signIn.status).toBe(200);
  });

  const refusals: [string, Record<string, unknown>, number, string, string][] = [
    ["a password of 7 characters", { password: "sju tkn" }, 400, "validation_error", "password"],
    ["a password of 129 characters", { password: "a".repeat(129) }, 400, "validation_error", "password"],
    ["one of the most common passwords", { password: "password1" }, 422, "common_password", "password"],
    ["a Swedish common password", { password: "Sommar2024!" }, 422, "common_password", "password"],
    ["the email as password", { password: "ny.samordnare@kommun.example" }, 422, "common_password", "password"],
    ["an unknown role", { role: "superuser" }, 400, "validation_error", "role"],
    ["an invalid email", { email: "inte en adress" }, 400, "validation_error", "email"],
    ["an organisation that does not exist", { organisations: ["Fältenheten", "Fältenhten"] }, 422, "unknown_organisation", "organisations.1"],
    ["a coordinator without an organisation", { organisations: [] }, 422, "organisation_required", "organisations"],
    ["an email already in use", { email: TEST_USERS.viewer.email }, 409, "email_taken", "email"],
  ];
  it.each(refusals)("refuses %s and writes nothing", async (_name, overrides, status, code, field) => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/users", newUser(overrides));
    expect(response.status).toBe(status);
    expect(status === 422 ? response.body.error.issues[0].code : response.body.error.code).toBe(code);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    expect(await t.snapshot()).toEqual(before);
  });

  it("accepts a long passphrase of 128 characters and counts å, ä, ö as one character each", async () => {
    const response = await t.request("POST", "/api/users", newUser({ password: "åäö ".repeat(32) }));
    expect(response.status).toBe(201);
  });
});

describe("secrets in logs", () => {
  it("never writes a password or a token to a log line, even when something fails", async () => {
    const lines: string[] = [];
    const capture = (...args: unknown[]) => {
      lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    };
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) => vi.spyOn(console, level).mockImplementation(capture));
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    // The server's JSON log, at its most talkative, goes to the same lines.
    t = await createTestApp({ logger: createLogger({ level: "trace", destination: { write: (line: string) => void lines.push(line) } }) });
    try {
      const signIn = await t.request("POST", "/api/auth/sign-in", { email: TEST_USERS.admin.email, password: TEST_PASSWORD }, {}, "anonymous");
      const cookie = signIn.headers.get("set-cookie")?.split(";")[0] ?? "";
      await t.request("POST", "/api/auth/sign-in", { email: TEST_USERS.admin.email, password: "fel men hemligt 123" }, {}, "anonymous");
      await t.request("POST", "/api/users", newUser({ email: "logg@test.invalid", password: "ett hemligt lösenord för loggtest" }));
      const created = await t.request("POST", "/api/tokens", { name: "Logg" }, { cookie }, "anonymous");
      // An unexpected failure while a secret is in the request: the server logs the error.
      await t.failInserts("users", "disk full");
      const failed = await t.request("POST", "/api/users", newUser({ email: "boom@test.invalid", password: "ännu ett hemligt lösenord" }), { cookie }, "anonymous");
      expect(failed.status).toBe(500);
      const secrets = [TEST_PASSWORD, "fel men hemligt 123", "ett hemligt lösenord för loggtest", "ännu ett hemligt lösenord", created.body.token, cookie.split("=")[1], t.users.admin.token];
      expect(lines.length).toBeGreaterThan(0); // the 500 was logged
      for (const secret of secrets) {
        expect(secret).toEqual(expect.any(String));
        for (const line of lines) expect(line).not.toContain(secret);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
      stdout.mockRestore();
    }
  });
});
