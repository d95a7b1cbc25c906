import { createHash, randomBytes } from "node:crypto";

/**
 * A fresh secret for a session cookie or an API token: 256 bits from the OS's CSPRNG,
 * base64url. Only its SHA-256 is stored (a fast hash is enough for a secret this random:
 * nobody can guess their way to a preimage).
 */
export function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** A password for a demo user: 15 random base64url characters (90 bits). */
export function newDemoPassword(): string {
  return randomBytes(12).toString("base64url");
}
