import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

/** Named `__Host-lk_session` over https: the prefix binds it to this host, https and path "/" (RFC 6265bis §4.1.3.2). */
const NAME = "lk_session";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Plain http is only for development on this machine: there the cookie cannot be Secure, so it
 * drops the `__Host-` prefix. Anywhere else (including behind a TLS proxy) it is Secure.
 */
function isLocalHttp(c: Context): boolean {
  const url = new URL(c.req.url);
  return url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, NAME, "host") ?? getCookie(c, NAME);
}

export function writeSessionCookie(c: Context, token: string, maxAgeSeconds: number): void {
  const options = { path: "/", httpOnly: true, sameSite: "Lax", maxAge: Math.floor(maxAgeSeconds) } as const;
  if (isLocalHttp(c)) setCookie(c, NAME, token, options);
  else setCookie(c, NAME, token, { ...options, secure: true, prefix: "host" });
}

export function clearSessionCookie(c: Context): void {
  if (getCookie(c, NAME, "host") !== undefined) deleteCookie(c, NAME, { path: "/", secure: true, prefix: "host" });
  if (getCookie(c, NAME) !== undefined) deleteCookie(c, NAME, { path: "/" });
}
