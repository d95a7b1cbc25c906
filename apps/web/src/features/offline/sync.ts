import { ApiError } from "../../api/client";
import type { QueuedActivity, QueueStore } from "./queue-store";

/** What to do with a queued entry after one attempt to send it. */
export type Outcome = "sent" | "retry-later" | "refused" | "signed-out";

/**
 * Sorting out a failed send: no network, a server in trouble (5xx) or a timeout/too-many (408,
 * 429) may pass later; a 401 means the session ended (keep everything, send after sign-in); any
 * other answer of the server is its refusal of this entry, which a person must look at.
 */
export function outcomeOf(error: unknown): Exclude<Outcome, "sent"> {
  if (!(error instanceof ApiError) || !error.fromApi) return "retry-later";
  if (error.status === 401) return "signed-out";
  if (error.status >= 500 || error.status === 408 || error.status === 429) return "retry-later";
  return "refused";
}

export type SyncResult = { sent: number; refused: number; waiting: number; signedOut: boolean };

/**
 * Sends the user's waiting entries one at a time, oldest first, each with its own idempotency
 * key: a sent one leaves the queue; a refused one stays, marked with the server's reason; on a
 * network failure or a lost session the rest wait for the next try. Never drops an entry silently.
 */
export async function syncQueue(
  queue: QueueStore,
  userId: number,
  send: (item: QueuedActivity) => Promise<unknown>,
): Promise<SyncResult> {
  const result: SyncResult = { sent: 0, refused: 0, waiting: 0, signedOut: false };
  const waiting = (await queue.all()).filter((item) => item.userId === userId && item.state === "waiting");
  for (const [index, item] of waiting.entries()) {
    try {
      await send(item);
      await queue.remove(item.key);
      result.sent++;
    } catch (error) {
      const outcome = outcomeOf(error);
      if (outcome === "refused" && error instanceof ApiError) {
        await queue.put({ ...item, state: "refused", refusal: { message: error.message, issues: [...error.issues] } });
        result.refused++;
        continue;
      }
      result.waiting = waiting.length - index;
      result.signedOut = outcome === "signed-out";
      break;
    }
  }
  return result;
}
