import type { CurrentUser, SignIn } from "@lofteskollen/contracts";
import type { Db } from "../db/client";
import { auditContextOf } from "../security/principal";
import { verifyPassword } from "../security/passwords";
import type { SignInLimiter } from "../security/sign-in-limiter";
import { hashSecret } from "../security/secrets";
import { appendAuditEvent } from "./audit";
import { createSession, endSession, type SessionTimeouts } from "./sessions";
import { findSignInAccount, loadCurrentUser, userIdByEmail } from "./users";
import type { WriteQueue } from "./write-queue";

export type SignInDeps = {
  /** For reads outside the write (the account, the user): the store's handle. */
  db: Db;
  queue: WriteQueue;
  limiter: SignInLimiter;
  timeouts: SessionTimeouts;
  now: Date;
  address: string | null;
  userAgent: string | null;
  /** The session cookie the browser already had: ended, so sign-in always issues a new token. */
  previousSessionToken?: string;
};

export type SignInResult =
  | { status: "signed_in"; user: CurrentUser; token: string }
  | { status: "refused" }
  | { status: "limited"; retryAfterSeconds: number };

const anonymous = (deps: SignInDeps) => ({ at: deps.now.toISOString(), userId: null, actor: "anonymous", address: deps.address });

/**
 * Checks a password and starts a session. Every outcome is audited; failures count towards
 * the limits per account and per address; an unknown email costs the same time as a wrong
 * password and gets the same answer.
 */
export async function signIn(deps: SignInDeps, { email, password }: SignIn): Promise<SignInResult> {
  const { db, queue, limiter, now, address } = deps;
  const retryAfterSeconds = await limiter.retryAfter(email, address);
  if (retryAfterSeconds > 0) {
    await queue.run(
      async (tx) =>
        appendAuditEvent(tx, anonymous(deps), { action: "auth.sign_in_limited", recordType: "user", recordId: await userIdByEmail(tx, email) }),
      null,
    );
    return { status: "limited", retryAfterSeconds };
  }

  const account = await findSignInAccount(db, email);
  const ok = await verifyPassword(account?.passwordHash ?? null, password);
  const user = ok && account ? await loadCurrentUser(db, account.id) : null;
  if (!user) {
    await limiter.recordFailure(email, address);
    // The attempted email is kept only when it names a real account: a password typed into
    // the email field must not end up in the audit trail.
    await queue.run(
      async (tx) =>
        appendAuditEvent(tx, anonymous(deps), { action: "auth.sign_in_failed", recordType: "user", recordId: await userIdByEmail(tx, email) }),
      null,
    );
    return { status: "refused" };
  }

  await limiter.recordSuccess(email);
  const context = auditContextOf({ ...user, via: { kind: "session", sessionHash: "" } }, now, address);
  const { token } = await queue.run(async (tx) => {
    if (deps.previousSessionToken) await endSession(tx, hashSecret(deps.previousSessionToken));
    const session = await createSession({ db: tx, userId: user.id, now, timeouts: deps.timeouts, address, userAgent: deps.userAgent });
    await appendAuditEvent(tx, context, { action: "auth.sign_in", recordType: "user", recordId: user.id });
    return session;
  }, null);
  return { status: "signed_in", user, token };
}

/** Ends the session a request came with (a token-authenticated request has none to end). */
export async function signOut({
  queue,
  sessionHash,
  context,
}: {
  queue: WriteQueue;
  sessionHash: string | null;
  context: ReturnType<typeof auditContextOf>;
}): Promise<void> {
  await queue.run(async (tx) => {
    if (sessionHash) await endSession(tx, sessionHash);
    await appendAuditEvent(tx, context, { action: "auth.sign_out", recordType: "user", recordId: context.userId });
  }, null);
}
