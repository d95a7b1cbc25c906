import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentLocation, type FakeRoute, fakeFetch, renderApp, unauthenticated, USERS } from "../../test/render";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function stubApi(signIn: FakeRoute) {
  const api = fakeFetch({
    "/api/auth/me": unauthenticated,
    "POST /api/auth/sign-in": signIn,
    "/api/promises": { body: [] },
    "/api/tokens": { body: [] },
  });
  vi.stubGlobal("fetch", api);
  return api;
}

async function signInAs(email: string, password: string) {
  fireEvent.change(await screen.findByLabelText("E-postadress"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Lösenord"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Logga in" }));
}

describe("SignInPage", () => {
  it("names its fields for password managers", async () => {
    stubApi({ body: USERS.viewer });
    renderApp("/logga-in");
    expect((await screen.findByLabelText("E-postadress")).getAttribute("autocomplete")).toBe("username");
    expect(screen.getByLabelText("Lösenord").getAttribute("autocomplete")).toBe("current-password");
    expect(screen.getByLabelText("Lösenord").getAttribute("type")).toBe("password");
  });

  it("signs in and goes on to the page named in next", async () => {
    const api = stubApi({ body: USERS.viewer });
    renderApp("/logga-in?next=%2Fapi-nycklar");
    await signInAs("lars.lasare@goteborg.se", "hemligt lösenord");

    await screen.findByRole("heading", { name: "API-nycklar" });
    expect(currentLocation()).toBe("/api-nycklar");
    const sent = api.requests.find((request) => request.method === "POST");
    expect(sent?.body).toEqual({ email: "lars.lasare@goteborg.se", password: "hemligt lösenord" });
    expect(sent?.headers.get("content-type")).toBe("application/json");
    expect(screen.getByRole("region", { name: "Inloggad användare" }).textContent).toContain("Lars Läsare");
  });

  it("goes to the start page, not to another site, when next points away from the site", async () => {
    stubApi({ body: USERS.viewer });
    renderApp(`/logga-in?next=${encodeURIComponent("//evil.example/logga-in")}`);
    await signInAs("lars.lasare@goteborg.se", "hemligt lösenord");

    await screen.findByRole("heading", { name: "Översikt", level: 2 });
    expect(currentLocation()).toBe("/");
  });

  it("shows the API's message next to the form when the password is wrong, and stays", async () => {
    stubApi({ status: 401, body: { error: { code: "invalid_credentials", message: "Fel e-postadress eller lösenord." } } });
    renderApp("/logga-in?next=%2Fapi-nycklar");
    await signInAs("lars.lasare@goteborg.se", "fel");

    expect((await screen.findByRole("alert")).textContent).toBe("Fel e-postadress eller lösenord.");
    expect(currentLocation()).toBe("/logga-in?next=%2Fapi-nycklar");
    expect(screen.getByRole("button", { name: "Logga in" })).toHaveProperty("disabled", false);
  });

  it("shows the API's message when there have been too many attempts", async () => {
    stubApi({
      status: 429,
      headers: { "Retry-After": "600" },
      body: { error: { code: "too_many_attempts", message: "För många misslyckade inloggningar. Vänta 10 minuter och försök igen." } },
    });
    renderApp("/logga-in");
    await signInAs("lars.lasare@goteborg.se", "fel");
    expect((await screen.findByRole("alert")).textContent).toContain("Vänta 10 minuter");
  });

  it("marks the fields the API refused with its words", async () => {
    stubApi({
      status: 400,
      body: {
        error: {
          code: "validation_error",
          message: "Kontrollera fälten som är markerade.",
          issues: [{ path: "password", code: "too_small", message: "Ange ditt lösenord." }],
        },
      },
    });
    renderApp("/logga-in");
    await signInAs("lars.lasare@goteborg.se", "");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Kontrollera fälten som är markerade.");
    expect(alert.textContent).toContain("Ange ditt lösenord.");
    expect(screen.getByLabelText("Lösenord").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("E-postadress").getAttribute("aria-invalid")).toBeNull();
  });

  it("cannot be sent twice while it is signing in", async () => {
    let answer: (response: { body: unknown }) => void = () => {};
    stubApi(() => new Promise((resolve) => (answer = resolve)));
    renderApp("/logga-in");
    await signInAs("lars.lasare@goteborg.se", "hemligt lösenord");

    const button = await screen.findByRole("button", { name: "Loggar in …" });
    expect(button).toHaveProperty("disabled", true);
    answer({ body: USERS.viewer });
    await screen.findByRole("heading", { name: "Översikt", level: 2 });
  });
});
