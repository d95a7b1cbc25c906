import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_SESSION_TIMEOUTS } from "../../app";
import { createTestApp, TEST_NOW, TEST_PASSWORD, TEST_USERS, type TestApp } from "../../test-support/test-app";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});

const signInBody = (email: string = TEST_USERS.coordinator.email, password = TEST_PASSWORD) => ({ email, password });

/** Signs in anonymously (no token) and returns the session cookie as a browser would send it back. */
async function signIn(app: TestApp = t, body = signInBody(), headers: Record<string, string> = {}) {
  const response = await app.request("POST", "/api/auth/sign-in", body, headers, "anonymous");
  const setCookie = response.headers.get("set-cookie") ?? "";
  const cookie = setCookie.split(";")[0] ?? "";
  return { response, setCookie, cookie };
}

const asCookie = (cookie: string) => ({ cookie });
const me = (cookie: string, app: TestApp = t) => app.request("GET", "/api/auth/me", undefined, asCookie(cookie), "anonymous");
const minutes = (n: number) => new Date(TEST_NOW.getTime() + n * 60_000);

describe("POST /api/auth/sign-in", () => {
  it("signs in with email and password and answers who is signed in", async () => {
    const { response } = await signIn();
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: t.users.coordinator.id,
      email: "falt@test.invalid",
      name: "Frida Fältassistent",
      role: "coordinator",
      organisations: ["Fältenheten"],
    });
  });

  it("ignores the case of the email", async () => {
    const { response } = await signIn(t, signInBody("FALT@Test.Invalid"));
    expect(response.status).toBe(200);
  });

  it("sets an HttpOnly, SameSite=Lax cookie without the __Host- prefix on http://localhost", async () => {
    const { setCookie } = await signIn();
    expect(setCookie).toMatch(/^lk_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).toMatch(/Max-Age=43200/);
  });

  it("sets a __Host- prefixed Secure cookie over https", async () => {
    const response = await t.app.request("https://lofteskollen.goteborg.example/api/auth/sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(signInBody()),
    });
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(response.status).toBe(200);
    expect(setCookie).toMatch(/^__Host-lk_session=[\w-]{43};/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).not.toMatch(/Domain=/);
    const cookie = setCookie.split(";")[0] ?? "";
    const whoAmI = await t.app.request("https://lofteskollen.goteborg.example/api/auth/me", { headers: { cookie } });
    expect(whoAmI.status).toBe(200);
  });

  it("gives an unknown email and a wrong password the same 401 and sets no cookie", async () => {
    const unknown = await signIn(t, signInBody("ingen@test.invalid"));
    const wrong = await signIn(t, signInBody(TEST_USERS.coordinator.email, "fel lösenord helt enkelt"));
    expect(unknown.response.status).toBe(401);
    expect(wrong.response.status).toBe(401);
    expect(unknown.response.body).toEqual(wrong.response.body);
    expect(wrong.response.body.error).toEqual({ code: "invalid_credentials", message: "Fel e-postadress eller lösenord." });
    expect(unknown.setCookie).toBe("");
    expect(wrong.setCookie).toBe("");
  });

  it("refuses a disabled user with the same 401", async () => {
    await t.request("POST", `/api/users/${t.users.coordinator.id}/disable`, {});
    const { response } = await signIn();
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("invalid_credentials");
  });

  it("names the missing field of an incomplete sign-in with 400", async () => {
    const response = await t.request("POST", "/api/auth/sign-in", { email: "falt@test.invalid" }, {}, "anonymous");
    expect(response.status).toBe(400);
    expect(response.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["password"]);
  });

  it("issues a new session token at every sign-in and ends the one the browser had", async () => {
    const first = await signIn();
    const second = await signIn(t, signInBody(), asCookie(first.cookie));
    expect(second.cookie).not.toBe(first.cookie);
    expect((await me(second.cookie)).status).toBe(200);
    expect((await me(first.cookie)).status).toBe(401);
  });
});

describe("sessions", () => {
  it("stores only the hash of the session token, the token hash, and the password hash", async () => {
    const { cookie } = await signIn();
    const token = cookie.split("=")[1] ?? "";
    const created = await signIn(t, signInBody(TEST_USERS.admin.email));
    const apiToken = await t.request("POST", "/api/tokens", { name: "Import" }, asCookie(created.cookie), "anonymous");
    expect(apiToken.status).toBe(201);
    const dump = JSON.stringify([
      await t.query(sql`SELECT * FROM sessions`),
      await t.query(sql`SELECT * FROM api_tokens`),
      await t.query(sql`SELECT * FROM users`),
      await t.query(sql`SELECT * FROM audit_log`),
    ]);
    expect(token).toHaveLength(43);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(apiToken.body.token);
    expect(dump).not.toContain(TEST_PASSWORD);
    expect(dump).toContain("$argon2id$v=19$m=19456,t=2,p=1$");
  });

  it("ends a session after the idle timeout", async () => {
    const { cookie } = await signIn();
    t.setNow(minutes(119));
    expect((await me(cookie)).status).toBe(200); // used: the idle clock restarts
    t.setNow(minutes(119 + 119));
    expect((await me(cookie)).status).toBe(200);
    t.setNow(minutes(119 + 119 + 121));
    const expired = await me(cookie);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("session_expired");
    expect(expired.headers.get("set-cookie")).toMatch(/lk_session=;/);
    const [sessions] = await t.query<{ n: number | string }>(sql`SELECT count(*) AS n FROM sessions`);
    expect(Number(sessions?.n)).toBe(0);
  });

  it("ends a session at the absolute timeout however active it is", async () => {
    const { cookie } = await signIn();
    const absoluteMinutes = DEFAULT_SESSION_TIMEOUTS.absoluteMs / 60_000;
    for (let m = 60; m < absoluteMinutes; m += 60) {
      t.setNow(minutes(m));
      expect((await me(cookie)).status).toBe(200);
    }
    t.setNow(minutes(absoluteMinutes));
    expect((await me(cookie)).status).toBe(401);
  });

  it("signing out ends the session: the cookie no longer works", async () => {
    const { cookie } = await signIn();
    const out = await t.request("POST", "/api/auth/sign-out", undefined, asCookie(cookie), "anonymous");
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/lk_session=;/);
    expect((await me(cookie)).status).toBe(401);
  });

  it("disabling a user ends all their sessions and their tokens stop working", async () => {
    const phone = await signIn();
    const laptop = await signIn();
    const disabled = await t.request("POST", `/api/users/${t.users.coordinator.id}/disable`, {});
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    expect((await me(phone.cookie)).status).toBe(401);
    expect((await me(laptop.cookie)).status).toBe(401);
    expect((await t.request("GET", "/api/promises", undefined, {}, "coordinator")).status).toBe(401);
  });

  it("refuses requests without a session or token with 401", async () => {
    const response = await t.request("GET", "/api/promises", undefined, {}, "anonymous");
    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("unauthenticated");
  });

  it("refuses a malformed or unknown bearer token with 401", async () => {
    for (const authorization of ["Bearer nej", "Basic YWRtaW46YWRtaW4=", "Bearer"]) {
      const response = await t.request("GET", "/api/promises", undefined, { authorization }, "anonymous");
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe("invalid_token");
    }
  });
});

describe("sign-in rate limits", () => {
  it("locks an account for a while after five failed attempts, whatever the password then", async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await signIn(t, signInBody(TEST_USERS.coordinator.email, `fel lösenord ${i}`))).response.status).toBe(401);
    }
    const limited = await signIn();
    expect(limited.response.status).toBe(429);
    expect(limited.response.body.error.code).toBe("too_many_attempts");
    expect(Number(limited.response.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same place still works.
    expect((await signIn(t, signInBody(TEST_USERS.viewer.email))).response.status).toBe(200);
  });

  it("limits an unknown email the same way, so the limit reveals nothing", async () => {
    for (let i = 0; i < 5; i += 1) await signIn(t, signInBody("ingen@test.invalid", "gissning nummer ett"));
    expect((await signIn(t, signInBody("ingen@test.invalid", "gissning nummer två"))).response.status).toBe(429);
  });

  it("limits an address that tries many accounts", async () => {
    const proxied = await createTestApp({ trustProxy: true, signInLimits: { perAccount: 5, perAddress: 8, windowSeconds: 900 } });
    const from = (address: string) => ({ "x-forwarded-for": address });
    for (let i = 0; i < 8; i += 1) {
      await signIn(proxied, signInBody(`konto${i}@test.invalid`, "ett lösenord som gissas"), from("203.0.113.7"));
    }
    const limited = await signIn(proxied, signInBody(TEST_USERS.viewer.email), from("203.0.113.7"));
    expect(limited.response.status).toBe(429);
    const elsewhere = await signIn(proxied, signInBody(TEST_USERS.viewer.email), from("198.51.100.2"));
    expect(elsewhere.response.status).toBe(200);
  });
});

describe("API tokens", () => {
  it("creates a token shown once that acts with the user's role, lists it without the secret, and revokes it", async () => {
    const { cookie } = await signIn();
    const created = await t.request("POST", "/api/tokens", { name: "Import från verksamhetssystemet" }, asCookie(cookie), "anonymous");
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^lk_[\w-]{43}$/);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    const whoAmI = await t.request("GET", "/api/auth/me", undefined, bearer, "anonymous");
    expect(whoAmI.body).toMatchObject({ role: "coordinator", organisations: ["Fältenheten"] });

    const list = await t.request("GET", "/api/tokens", undefined, asCookie(cookie), "anonymous");
    expect(list.body.map((token: { name: string }) => token.name)).toEqual(["test", "Import från verksamhetssystemet"]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    const revoked = await t.request("POST", `/api/tokens/${created.body.id}/revoke`, {}, asCookie(cookie), "anonymous");
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toEqual(expect.any(String));
    expect((await t.request("GET", "/api/auth/me", undefined, bearer, "anonymous")).status).toBe(401);
  });

  it("does not let a token create further tokens", async () => {
    const before = await t.snapshot();
    const response = await t.request("POST", "/api/tokens", { name: "Fler" }, {}, "admin");
    expect(response.status).toBe(403);
    expect(await t.snapshot()).toEqual(before);
  });
});
