import type { Store } from "./db/client";
import type { WriteQueue } from "./services/write-queue";

/** What every handler can reach through `c.var`. */
export type AppDeps = {
  store: Store;
  writes: WriteQueue;
  /** The server's clock; tests pin it. */
  now: () => Date;
};

export type AppEnv = { Variables: AppDeps };
