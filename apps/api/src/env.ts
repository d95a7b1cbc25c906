import { fileURLToPath } from "node:url";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535).default(8787),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_PATH: z.string().min(1).default(`${repoRoot}data/lofteskollen.db`),
  /** DEMO=0 starts without the demo activities and the invented example promise. */
  DEMO: z
    .enum(["0", "1", "false", "true"])
    .default("1")
    .transform((value) => value === "1" || value === "true"),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** The built web app (`pnpm build`), served by the API process. */
  WEB_DIST: z.string().default(`${repoRoot}apps/web/dist`),
  DATA_DIR: z.string().default(`${repoRoot}data`),
  /** A session nobody uses for this long ends (sign in again). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).max(24 * 60).default(120),
  /** Every session ends this long after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Behind a reverse proxy (nginx, a load balancer): trust X-Forwarded-For/-Host for client address and origin checks. */
  TRUST_PROXY: z
    .enum(["0", "1", "false", "true"])
    .default("0")
    .transform((value) => value === "1" || value === "true"),
});

export type Env = z.infer<typeof EnvSchema>;

/** The only place that reads process.env. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid configuration: ${details}`);
  }
  return parsed.data;
}
