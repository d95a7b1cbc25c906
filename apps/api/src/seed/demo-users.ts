import type { Role } from "@lofteskollen/domain";
import type { Db } from "../db/client";
import { hashPasswordSync } from "../security/passwords";
import { newDemoPassword } from "../security/secrets";
import { createUser } from "../services/users";

export type DemoCredentials = { role: Role; email: string; name: string; organisations: string[]; password: string };

/** One user per role, so that a demo can show what each may do. The coordinator works at Fältenheten. */
export const DEMO_USERS: Omit<DemoCredentials, "password">[] = [
  { role: "admin", email: "admin@demo.invalid", name: "Demo Administratör", organisations: [] },
  { role: "manager", email: "chef@demo.invalid", name: "Demo Chef", organisations: [] },
  { role: "coordinator", email: "samordnare@demo.invalid", name: "Demo Samordnare", organisations: ["Fältenheten"] },
  { role: "viewer", email: "lasare@demo.invalid", name: "Demo Läsare", organisations: [] },
];

/** Demo users with passwords printed to the console have no place on a production server. */
export function wantsDemoUsers(env: { DEMO: boolean; NODE_ENV: "development" | "production" | "test" }): boolean {
  return env.DEMO && env.NODE_ENV !== "production";
}

/** Creates the demo users with fresh random passwords; returns them (the only time they exist in clear). */
export async function createDemoUsers(db: Db): Promise<DemoCredentials[]> {
  const credentials: DemoCredentials[] = [];
  for (const user of DEMO_USERS) {
    const password = newDemoPassword();
    await createUser({ db, input: { ...user, passwordHash: hashPasswordSync(password) } });
    credentials.push({ ...user, password });
  }
  return credentials;
}

/** The console block printed once at the first start. */
export function formatDemoCredentials(credentials: DemoCredentials[]): string {
  const width = Math.max(...credentials.map((c) => c.email.length));
  return [
    "",
    "Demoanvändare (lösenorden visas bara nu, när databasen skapas – spara dem):",
    ...credentials.map((c) => `  ${c.role.padEnd(12)} ${c.email.padEnd(width)}  lösenord: ${c.password}`),
    "",
  ].join("\n");
}
