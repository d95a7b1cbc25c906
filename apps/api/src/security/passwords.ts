import { hash, hashSync, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * argon2id with the OWASP Password Storage Cheat Sheet's first configuration:
 * m = 19 MiB, t = 2, p = 1 (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id).
 * The parameters are stored in each hash (PHC format), so raising them later still verifies old ones.
 */
export const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** For the synchronous seed (demo users). */
export function hashPasswordSync(password: string): string {
  return hashSync(password, ARGON2_OPTIONS);
}

/** A hash of nothing anyone knows: an unknown email costs the same time as a wrong password. */
const DECOY_HASH = hashSync("decoy: an account that does not exist", ARGON2_OPTIONS);

/** Verifies a password; with no hash (unknown or disabled account) it spends the same time and says no. */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  try {
    const ok = await verify(passwordHash ?? DECOY_HASH, password);
    return passwordHash !== null && ok;
  } catch {
    return false;
  }
}

/**
 * The most common passwords (zxcvbn-ts's list of ~49 000, from breach corpora) plus Swedish ones
 * that list lacks. NIST SP 800-63B §5.1.1.2 / ASVS 5.0 V6.2: refuse known-weak passwords, no
 * composition rules.
 */
const SWEDISH_COMMON = [
  "lösenord",
  "lösenord1",
  "lösenord123",
  "losenord1",
  "losenord123",
  "hemligt",
  "hemligt1",
  "hemligt123",
  "sommar",
  "sommaren",
  "vinter",
  "sverige",
  "sverige1",
  "göteborg",
  "goteborg",
  "stockholm",
  "qwertyuiopå",
  "välkommen",
  "valkommen",
  "välkommen1",
  "valkommen1",
  "polisen",
  "polisen1",
  "fotboll",
  "fotboll1",
];
const COMMON = new Set([...dictionary["passwords-common"], ...SWEDISH_COMMON]);
/** "Sommar2024!", "Vinter2025": a season or word plus a year is as guessable as the word. */
const WORD_AND_YEAR = /^(sommar|vinter|höst|host|vår|var|lösenord|losenord|hemligt|välkommen|valkommen|password|sverige|göteborg|goteborg|polisen)[\s._-]?(19|20)?\d{2}[!.#?]*$/;

export function isCommonPassword(password: string, email?: string): boolean {
  const normalised = password.trim().toLowerCase();
  if (COMMON.has(normalised) || WORD_AND_YEAR.test(normalised)) return true;
  if (email) {
    const local = email.toLowerCase().split("@")[0] ?? "";
    if (normalised === email.toLowerCase() || (local.length >= 4 && normalised === local)) return true;
  }
  return false;
}
