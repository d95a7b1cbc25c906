import type { CreateActivityInput, ErrorIssue } from "@lofteskollen/contracts";
import { createStore, del, entries, set } from "idb-keyval";

/**
 * An activity logged without network, kept on the device (IndexedDB survives a reload and a
 * closed browser) until the server has it. Its key is the request's Idempotency-Key, so however
 * often it is sent, the server logs it once.
 */
export type QueuedActivity = {
  key: string;
  /** Whose it is: a shared phone sends each user's entries only in that user's session. */
  userId: number;
  input: CreateActivityInput;
  /** For the list on screen (the commitment may be out of reach offline). */
  commitmentTitle: string;
  queuedAt: string;
  /** Waiting for the network, or refused by the server (with its reason) and waiting for the user. */
  state: "waiting" | "refused";
  refusal?: { message: string; issues: ErrorIssue[] };
};

/** Where the queue lives; a test passes its own (fake-indexeddb or a Map). */
export type QueueStore = {
  all: () => Promise<QueuedActivity[]>;
  put: (item: QueuedActivity) => Promise<void>;
  remove: (key: string) => Promise<void>;
};

let idbStore: ReturnType<typeof createStore> | null = null;

/** The device's queue, in its own IndexedDB database. */
export function deviceQueue(): QueueStore {
  idbStore ??= createStore("lofteskollen-offline", "queued-activities");
  const store = idbStore;
  return {
    all: async () => (await entries<string, QueuedActivity>(store)).map(([, item]) => item).toSorted((a, b) => a.queuedAt.localeCompare(b.queuedAt)),
    put: (item) => set(item.key, item, store),
    remove: (key) => del(key, store),
  };
}

/** An in-memory queue with the same behaviour, for tests. */
export function memoryQueue(initial: QueuedActivity[] = []): QueueStore & { items: Map<string, QueuedActivity> } {
  const items = new Map(initial.map((item) => [item.key, item]));
  return {
    items,
    all: async () => [...items.values()].toSorted((a, b) => a.queuedAt.localeCompare(b.queuedAt)),
    put: async (item) => void items.set(item.key, item),
    remove: async (key) => void items.delete(key),
  };
}
