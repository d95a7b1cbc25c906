import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type SignInLimits = {
  /** Failed sign-ins per account (email) per window. */
  perAccount: number;
  /** Failed sign-ins per client address per window (an attacker spraying many accounts). */
  perAddress: number;
  windowSeconds: number;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 30, windowSeconds: 15 * 60 };

/**
 * Counts failed sign-ins per account and per address (ASVS 5.0 V6.3.1). Unknown emails count
 * too, so the limit does not reveal which accounts exist. In memory: one server process, and a
 * restart forgetting the counts is harmless next to argon2's cost per guess.
 */
export function createSignInLimiter(limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS) {
  const accounts = new RateLimiterMemory({ keyPrefix: "account", points: limits.perAccount, duration: limits.windowSeconds });
  const addresses = new RateLimiterMemory({ keyPrefix: "address", points: limits.perAddress, duration: limits.windowSeconds });

  const blockedFor = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;

  return {
    /** Seconds until another attempt is allowed; 0 when it is allowed now. */
    async retryAfter(email: string, address: string | null): Promise<number> {
      const [account, client] = await Promise.all([
        accounts.get(email),
        address ? addresses.get(address) : Promise.resolve(null),
      ]);
      return Math.max(blockedFor(account, limits.perAccount), blockedFor(client, limits.perAddress));
    },
    async recordFailure(email: string, address: string | null): Promise<void> {
      const settle = (p: Promise<unknown>) => p.catch((rejection: unknown) => {
        // A limiter at its limit rejects with a RateLimiterRes; that is expected, not an error.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
      });
      await Promise.all([settle(accounts.consume(email)), address ? settle(addresses.consume(address)) : undefined]);
    },
    async recordSuccess(email: string): Promise<void> {
      await accounts.delete(email);
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
