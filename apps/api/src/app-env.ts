import type { AuditContext } from "./db/audit-context";
import type { Db, Store } from "./db/client";
import type { Principal } from "./security/principal";
import type { SignInLimiter } from "./security/sign-in-limiter";
import type { SessionTimeouts } from "./services/sessions";
import type { WriteQueue } from "./services/write-queue";

export type AuthSettings = {
  timeouts: SessionTimeouts;
  limiter: SignInLimiter;
  /** Behind a reverse proxy: believe X-Forwarded-For / X-Forwarded-Host. */
  trustProxy: boolean;
};

/** What the app is built from; shared by every request. */
export type AppDeps = {
  store: Store;
  queue: WriteQueue;
  /** The server's clock; tests pin it. */
  now: () => Date;
  auth: AuthSettings;
};

/** Writes of one request, attributed in the audit trail to whoever the request acts for. */
export type RequestWrites = { run<T>(work: (db: Db) => T | Promise<T>): Promise<T> };

/** What every handler can reach with `c.get(name)` (cheaper than `c.var`, which copies them all). */
export type AppEnv = {
  Variables: AppDeps & {
    /** This request's id (X-Request-Id), in its log line and its response. */
    requestId: string;
    writes: RequestWrites;
    /** The signed-in user, or null (anonymous). */
    principal: Principal | null;
    address: string | null;
    auditContext: () => AuditContext;
  };
};
