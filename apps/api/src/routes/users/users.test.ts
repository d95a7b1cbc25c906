import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../lib/logger";
import { createTestApp, TEST_NOW, TEST_PASSWORD, TEST_USERS, type TestApp, type TestUser } from "../../test-support/test-app";

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

// ---- Issue 7, part 5: users administration ------------------------------------------------

/** Signs in (no token) and returns the session cookie as a browser would send it back. */
async function signIn(email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) {
  const response = await t.request("POST", "/api/auth/sign-in", { email, password }, headers, "anonymous");
  return { status: response.status, cookie: (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
}
const signedIn = async (user: TestUser, headers: Record<string, string> = {}) => {
  const { status, cookie } = await signIn(TEST_USERS[user].email, TEST_PASSWORD, headers);
  if (status !== 200) throw new Error(`${user} could not sign in`);
  return cookie;
};
/** A request with a session cookie instead of a token (as the web app sends it). */
const withCookie = (cookie: string, method: string, path: string, body?: unknown) => t.request(method, path, body, { cookie }, "anonymous");
const me = (cookie: string) => withCookie(cookie, "GET", "/api/auth/me");

const lastAuditId = async () => (await t.auditRows()).at(-1)?.id ?? 0;
const auditSince = async (after: number) => (await t.auditRows()).filter((r) => r.id > after);
/** Row counts and the audit trail's length: both unchanged = the refused request wrote nothing. */
const state = async () => ({ counts: await t.snapshot(), audit: (await t.auditRows()).length, users: await t.query(sql`SELECT * FROM users ORDER BY id`) });
const organisationId = async (name: string) => {
  const [row] = await t.query<{ id: number }>(sql`SELECT id FROM organisations WHERE name = ${name}`);
  if (!row) throw new Error(`no organisation ${name}`);
  return Number(row.id);
};
const paths = (response: { body: { error: { issues?: { path: string }[] } } }) => response.body.error.issues?.map((i) => i.path);

describe("PATCH /api/users/:id", () => {
  it("an admin renames a coordinator and replaces their organisations, and the audit trail shows each change", async () => {
    const id = t.users.coordinator.id;
    const audit = await lastAuditId();
    const response = await t.request("PATCH", `/api/users/${id}`, { name: "Frida Berg", organisations: ["Polisen", "Mötesplatserna"] });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body).toMatchObject({ id, name: "Frida Berg", role: "coordinator", organisations: ["Mötesplatserna", "Polisen"] });
    expect((await t.request("GET", `/api/users/${id}`)).body).toEqual(response.body);

    const rows = await auditSince(audit);
    expect(rows.map((r) => r.action).sort()).toEqual(["user.organisation.add", "user.organisation.add", "user.organisation.remove", "user.update"]);
    for (const row of rows) {
      expect(row.actor).toMatch(new RegExp(`^user:${t.users.admin.id}/token:\\d+$`));
      expect(row.record_id).toBe(String(id));
    }
    const update = rows.find((r) => r.action === "user.update");
    expect(update?.before).toMatchObject({ name: "Frida Fältassistent" });
    expect(update?.after).toMatchObject({ name: "Frida Berg", passwordChanged: 0 });
    expect(rows.find((r) => r.action === "user.organisation.remove")?.before).toEqual({ userId: id, organisationId: await organisationId("Fältenheten") });
  });

  it("changes only what is sent: the same list again writes nothing", async () => {
    const id = t.users.policeCoordinator.id;
    const before = await state();
    const response = await t.request("PATCH", `/api/users/${id}`, { organisations: ["Polisen"], role: "coordinator" });
    expect(response.status).toBe(200);
    expect(await state()).toEqual(before);
  });

  it("a new role and organisations apply to the user's existing session and token on their next request", async () => {
    const cookie = await signedIn("viewer");
    expect((await me(cookie)).body).toMatchObject({ role: "viewer", organisations: [] });
    expect((await t.request("GET", "/api/users", undefined, {}, "viewer")).status).toBe(403);

    const response = await t.request("PATCH", `/api/users/${t.users.viewer.id}`, { role: "coordinator", organisations: ["Fältenheten"] });
    expect(response.status).toBe(200);
    expect((await me(cookie)).body).toMatchObject({ role: "coordinator", organisations: ["Fältenheten"] });

    await t.request("PATCH", `/api/users/${t.users.viewer.id}`, { role: "admin" });
    expect((await t.request("GET", "/api/users", undefined, {}, "viewer")).status).toBe(200);
    expect((await withCookie(cookie, "GET", "/api/users")).status).toBe(200);
  });

  it("keeps an organisation the user already has after it was archived, but refuses to add an archived one", async () => {
    await t.request("PATCH", `/api/organisations/${await organisationId("Fältenheten")}`, { archived: true });
    const kept = await t.request("PATCH", `/api/users/${t.users.coordinator.id}`, { organisations: ["Fältenheten", "Polisen"] });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(kept.body.organisations).toEqual(["Fältenheten", "Polisen"]);

    const before = await state();
    const added = await t.request("PATCH", `/api/users/${t.users.policeCoordinator.id}`, { organisations: ["Polisen", "Fältenheten"] });
    expect(added.status).toBe(422);
    expect(added.body.error.issues).toEqual([{ path: "organisations.1", code: "archived_organisation", message: expect.stringContaining("arkiverad") }]);
    expect(await state()).toEqual(before);
  });

  const refusals: [string, Record<string, unknown>, number, string, string][] = [
    ["an organisation that does not exist", { organisations: ["Polisen", "Fältenhten"] }, 422, "unknown_organisation", "organisations.1"],
    ["a coordinator left without organisations", { organisations: [] }, 422, "organisation_required", "organisations"],
    ["an unknown role", { role: "superuser" }, 400, "validation_error", "role"],
    ["an empty name", { name: "   " }, 400, "validation_error", "name"],
    ["organisations that are not a list", { organisations: "Polisen" }, 400, "validation_error", "organisations"],
    ["an empty organisation name", { organisations: ["Polisen", ""] }, 400, "validation_error", "organisations.1"],
  ];
  it.each(refusals)("refuses %s, naming the field, and writes nothing", async (_name, body, status, code, field) => {
    const before = await state();
    const response = await t.request("PATCH", `/api/users/${t.users.coordinator.id}`, body);
    expect(response.status).toBe(status);
    expect(status === 422 ? response.body.error.issues[0].code : response.body.error.code).toBe(code);
    expect(paths(response)).toContain(field);
    expect(response.body.error.issues.every((i: { message: string }) => /[a-zåäö]/i.test(i.message))).toBe(true);
    expect(await state()).toEqual(before);
  });

  it("refuses to make a viewer a coordinator without naming an organisation", async () => {
    const before = await state();
    const response = await t.request("PATCH", `/api/users/${t.users.viewer.id}`, { role: "coordinator" });
    expect(response.status).toBe(422);
    expect(response.body.error.issues).toEqual([expect.objectContaining({ path: "organisations", code: "organisation_required" })]);
    expect(await state()).toEqual(before);
  });

  it("answers 404 for an unknown user and 400 for an id that is not one", async () => {
    const missing = await t.request("PATCH", "/api/users/9999", { name: "Ingen" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("Användaren finns inte.");
    const bad = await t.request("PATCH", "/api/users/abc", { name: "Ingen" });
    expect(bad.status).toBe(400);
    expect(paths(bad)).toEqual(["id"]);
  });
});

describe("the last active admin", () => {
  it("cannot lose the admin role, not even by their own hand, until another admin exists (409, nothing written)", async () => {
    const adminId = t.users.admin.id;
    for (const caller of ["token", "own session"] as const) {
      const before = await state();
      const response =
        caller === "token"
          ? await t.request("PATCH", `/api/users/${adminId}`, { role: "manager" })
          : await withCookie(await signedIn("admin"), "PATCH", `/api/users/${adminId}`, { role: "manager" });
      expect(response.status).toBe(409);
      expect(response.body.error).toMatchObject({ code: "last_admin", issues: [{ path: "role", code: "last_admin" }] });
      expect(response.body.error.message).toMatch(/enda aktiva administratören/);
      // The sign-in of the second round wrote its session and audit row; the refusal nothing more.
      if (caller === "token") expect(await state()).toEqual(before);
    }

    // A disabled admin does not count.
    await t.request("PATCH", `/api/users/${t.users.manager.id}`, { role: "admin" });
    await t.request("POST", `/api/users/${t.users.manager.id}/disable`, {});
    expect((await t.request("PATCH", `/api/users/${adminId}`, { role: "manager" })).status).toBe(409);

    await t.request("POST", `/api/users/${t.users.manager.id}/enable`, {});
    const demoted = await t.request("PATCH", `/api/users/${adminId}`, { role: "manager" });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe("manager");
    // The former admin's token acts as a manager at once.
    expect((await t.request("GET", "/api/users")).status).toBe(403);
  });

  it("cannot be disabled (409, nothing written)", async () => {
    const before = await state();
    const response = await t.request("POST", `/api/users/${t.users.admin.id}/disable`, {});
    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("last_admin");
    expect(await state()).toEqual(before);
  });
});

describe("POST /api/users/:id/password", () => {
  it("sets a new password, ends every session of the user, and only the new password signs in", async () => {
    const phone = await signedIn("coordinator", { "user-agent": "Telefon" });
    const laptop = await signedIn("coordinator", { "user-agent": "Bärbar" });
    const audit = await lastAuditId();

    const response = await t.request("POST", `/api/users/${t.users.coordinator.id}/password`, { password: "nytt tillfälligt lösenord" });
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();

    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    expect((await signIn(TEST_USERS.coordinator.email)).status).toBe(401);
    expect((await signIn(TEST_USERS.coordinator.email, "nytt tillfälligt lösenord")).status).toBe(200);
    // Tokens are not the password: they keep working.
    expect((await t.request("GET", "/api/promises", undefined, {}, "coordinator")).status).toBe(200);

    const rows = (await auditSince(audit)).filter((r) => r.action !== "auth.sign_in_failed" && r.action !== "auth.sign_in");
    expect(rows.map((r) => r.action)).toEqual(["user.update", "session.delete", "session.delete"]);
    expect(rows[0]?.after).toMatchObject({ passwordChanged: 1 });
    expect(rows.slice(1).every((r) => r.record_type === "user" && r.record_id === String(t.users.coordinator.id))).toBe(true);
    expect(JSON.stringify(await t.auditRows())).not.toMatch(/argon2|nytt tillfälligt/);
  });

  const refusals: [string, unknown, number, string][] = [
    ["a password of 7 characters", { password: "sju tkn" }, 400, "validation_error"],
    ["no password", {}, 400, "validation_error"],
    ["one of the most common passwords", { password: "password1" }, 422, "common_password"],
    ["the user's email as password", { password: TEST_USERS.coordinator.email }, 422, "common_password"],
  ];
  it.each(refusals)("refuses %s, naming the field, and writes nothing (the sessions stay)", async (_name, body, status, code) => {
    const cookie = await signedIn("coordinator");
    const before = await state();
    const response = await t.request("POST", `/api/users/${t.users.coordinator.id}/password`, body);
    expect(response.status).toBe(status);
    expect(status === 422 ? response.body.error.issues[0].code : response.body.error.code).toBe(code);
    expect(paths(response)).toEqual(["password"]);
    expect(await state()).toEqual(before);
    expect((await me(cookie)).status).toBe(200);
  });

  it("answers 404 for an unknown user, writing nothing", async () => {
    const before = await state();
    const response = await t.request("POST", "/api/users/9999/password", { password: "ett bra nytt lösenord" });
    expect(response.status).toBe(404);
    expect(await state()).toEqual(before);
  });
});

type Session = { id: string; createdAt: string; lastSeenAt: string; expiresAt: string; address: string | null; userAgent: string | null; current: boolean };
const minutes = (n: number) => new Date(TEST_NOW.getTime() + n * 60_000);

describe("a user's sessions", () => {
  it("lists the live sessions newest first, by a handle that is neither the cookie nor its hash", async () => {
    const first = await signedIn("coordinator", { "user-agent": "Mozilla/5.0 (Android) Telefon" });
    t.setNow(minutes(5));
    await signedIn("coordinator", { "user-agent": "Mozilla/5.0 (Windows) Bärbar" });
    t.setNow(minutes(10));

    const response = await t.request("GET", `/api/users/${t.users.coordinator.id}/sessions`);
    expect(response.status).toBe(200);
    const sessions = response.body as Session[];
    expect(sessions.map((s) => s.userAgent)).toEqual(["Mozilla/5.0 (Windows) Bärbar", "Mozilla/5.0 (Android) Telefon"]);
    expect(sessions[0]).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{16}$/),
      createdAt: minutes(5).toISOString(),
      lastSeenAt: minutes(5).toISOString(),
      expiresAt: new Date(minutes(5).getTime() + 12 * 3_600_000).toISOString(),
      address: null,
      userAgent: "Mozilla/5.0 (Windows) Bärbar",
      current: false,
    });
    const hashes = (await t.query<{ token_hash: string }>(sql`SELECT token_hash FROM sessions`)).map((r) => r.token_hash);
    const text = JSON.stringify(sessions);
    for (const hash of hashes) {
      expect(text).not.toContain(hash.slice(0, 16));
      expect(text).not.toContain(hash.slice(-16));
    }
    expect(text).not.toContain(first.split("=")[1]);

    // Idle for more than two hours: ended, no longer listed.
    t.setNow(minutes(5 + 121));
    expect((await t.request("GET", `/api/users/${t.users.coordinator.id}/sessions`)).body).toEqual([]);
  });

  it("marks the admin's own session as current", async () => {
    const cookie = await signedIn("admin");
    const sessions = (await withCookie(cookie, "GET", `/api/users/${t.users.admin.id}/sessions`)).body as Session[];
    expect(sessions.map((s) => s.current)).toEqual([true]);
  });

  it("ends one session: that browser is signed out at its next request, the other stays signed in", async () => {
    const phone = await signedIn("coordinator", { "user-agent": "Telefon" });
    const laptop = await signedIn("coordinator", { "user-agent": "Bärbar" });
    const sessions = (await t.request("GET", `/api/users/${t.users.coordinator.id}/sessions`)).body as Session[];
    const phoneSession = sessions.find((s) => s.userAgent === "Telefon");
    const audit = await lastAuditId();

    const response = await t.request("DELETE", `/api/users/${t.users.coordinator.id}/sessions/${phoneSession?.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ended: 1 });
    const signedOut = await me(phone);
    expect(signedOut.status).toBe(401);
    expect(signedOut.body.error.code).toBe("session_expired");
    expect((await me(laptop)).status).toBe(200);
    expect((await auditSince(audit)).map((r) => [r.action, r.record_type, r.record_id, r.after])).toEqual([
      ["session.delete", "user", String(t.users.coordinator.id), { session: phoneSession?.id }],
    ]);

    const again = await t.request("DELETE", `/api/users/${t.users.coordinator.id}/sessions/${phoneSession?.id}`);
    expect(again.status).toBe(404);
  });

  it("signs a user out everywhere; their tokens keep working", async () => {
    const phone = await signedIn("coordinator");
    const laptop = await signedIn("coordinator");
    const other = await signedIn("policeCoordinator");
    const response = await t.request("DELETE", `/api/users/${t.users.coordinator.id}/sessions`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ended: 2 });
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(other)).status).toBe(200);
    expect((await t.request("GET", "/api/promises", undefined, {}, "coordinator")).status).toBe(200);
    const [left] = await t.query<{ n: number | string }>(sql`SELECT count(*) AS n FROM sessions WHERE user_id = ${t.users.coordinator.id}`);
    expect(Number(left?.n)).toBe(0);
  });

  it("refuses another user's session id, a malformed one, and an unknown user, writing nothing", async () => {
    await signedIn("coordinator");
    const [viewerSession] = (await t.request("GET", `/api/users/${t.users.coordinator.id}/sessions`)).body as Session[];
    const before = await state();
    const notTheirs = await t.request("DELETE", `/api/users/${t.users.viewer.id}/sessions/${viewerSession?.id}`);
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.body.error.issues).toEqual([expect.objectContaining({ path: "sessionId" })]);
    const malformed = await t.request("DELETE", `/api/users/${t.users.coordinator.id}/sessions/xyz`);
    expect(malformed.status).toBe(400);
    expect(paths(malformed)).toEqual(["sessionId"]);
    for (const [method, path] of [["GET", "/api/users/9999/sessions"], ["DELETE", "/api/users/9999/sessions"], ["DELETE", `/api/users/9999/sessions/${viewerSession?.id}`]]) {
      const response = await t.request(method as string, path as string);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.message).toBe("Användaren finns inte.");
    }
    expect(await state()).toEqual(before);
  });
});

describe("disabling a user", () => {
  it("ends their sessions, each in the audit trail, and stops their tokens", async () => {
    const cookie = await signedIn("coordinator");
    const audit = await lastAuditId();
    const response = await t.request("POST", `/api/users/${t.users.coordinator.id}/disable`, {});
    expect(response.status).toBe(200);
    expect((await auditSince(audit)).map((r) => r.action)).toEqual(["user.disable", "session.delete"]);
    expect((await me(cookie)).status).toBe(401);
    expect((await t.request("GET", "/api/promises", undefined, {}, "coordinator")).status).toBe(401);
    expect((await t.request("GET", `/api/users/${t.users.coordinator.id}/sessions`)).body).toEqual([]);
  });
});

describe("a user's API tokens", () => {
  it("an admin creates one for a user: the secret once, acting as that user, until the admin revokes it", async () => {
    const admin = await signedIn("admin");
    const userId = t.users.coordinator.id;
    const audit = await lastAuditId();
    const created = await withCookie(admin, "POST", `/api/users/${userId}/tokens`, { name: "Import från Lifecare" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ userId, name: "Import från Lifecare", revokedAt: null, token: expect.stringMatching(/^lk_[\w-]{43}$/) });
    const secret = created.body.token as string;

    const listed = await t.request("GET", `/api/users/${userId}/tokens`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((token: { name: string }) => token.name)).toEqual(["test", "Import från Lifecare"]);
    expect(JSON.stringify(listed.body)).not.toContain(secret);

    const asUser = await t.request("GET", "/api/auth/me", undefined, { authorization: `Bearer ${secret}` }, "anonymous");
    expect(asUser.status).toBe(200);
    expect(asUser.body).toMatchObject({ id: userId, role: "coordinator" });

    const revoked = await withCookie(admin, "POST", `/api/tokens/${created.body.id}/revoke`, {});
    expect(revoked.status).toBe(200);
    const after = await t.request("GET", "/api/auth/me", undefined, { authorization: `Bearer ${secret}` }, "anonymous");
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("invalid_token");

    const rows = await auditSince(audit);
    expect(rows.map((r) => [r.action, r.actor, r.after?.userId])).toEqual([
      ["token.create", `user:${t.users.admin.id}`, userId],
      ["token.revoke", `user:${t.users.admin.id}`, userId],
    ]);
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it("a request made with a token cannot create one for anyone (403, audited, nothing written)", async () => {
    const before = await t.snapshot();
    const audit = await lastAuditId();
    const response = await t.request("POST", `/api/users/${t.users.coordinator.id}/tokens`, { name: "Smygnyckel" });
    expect(response.status).toBe(403);
    expect(await t.snapshot()).toEqual(before);
    expect((await auditSince(audit)).map((r) => r.action)).toEqual(["auth.denied"]);
  });

  it("refuses an empty name, an unknown user and a disabled user, writing nothing", async () => {
    const admin = await signedIn("admin");
    await t.request("POST", `/api/users/${t.users.viewer.id}/disable`, {});
    const before = await state();
    const empty = await withCookie(admin, "POST", `/api/users/${t.users.coordinator.id}/tokens`, { name: " " });
    expect(empty.status).toBe(400);
    expect(paths(empty)).toEqual(["name"]);
    const unknown = await withCookie(admin, "POST", "/api/users/9999/tokens", { name: "Skript" });
    expect(unknown.status).toBe(404);
    const disabled = await withCookie(admin, "POST", `/api/users/${t.users.viewer.id}/tokens`, { name: "Skript" });
    expect(disabled.status).toBe(409);
    expect(disabled.body.error.message).toMatch(/avstängd/);
    expect(await state()).toEqual(before);
    expect((await t.request("GET", "/api/users/9999/tokens")).status).toBe(404);
  });
});
