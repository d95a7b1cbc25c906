import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/client";
import { memoryQueue, type QueuedActivity } from "./queue-store";
import { outcomeOf, syncQueue } from "./sync";

const queued = (key: string, userId = 3, extra: Partial<QueuedActivity> = {}): QueuedActivity => ({
  key,
  userId,
  input: { commitmentId: 11, occurredAt: "2026-11-22", quantity: 1 },
  commitmentTitle: "Uppsökande arbete",
  queuedAt: `2026-11-22T18:0${key}:00.000Z`,
  state: "waiting",
  ...extra,
});

const refusedBy = (status: number) =>
  new ApiError("Datumet ligger i framtiden.", {
    status,
    code: "rule_violation",
    fromApi: true,
    issues: [{ path: "occurredAt", code: "in_future", message: "Datumet ligger i framtiden." }],
  });
const offline = () => new ApiError("fetch failed", { status: 0, code: "network_error", fromApi: false });

describe("outcomeOf", () => {
  it("waits on no network, a server in trouble, a timeout or too many requests", () => {
    expect(outcomeOf(offline())).toBe("retry-later");
    expect(outcomeOf(refusedBy(503))).toBe("retry-later");
    expect(outcomeOf(refusedBy(429))).toBe("retry-later");
    expect(outcomeOf(new TypeError("Failed to fetch"))).toBe("retry-later");
  });

  it("keeps everything when the session has ended, and takes any other answer as the server's refusal", () => {
    expect(outcomeOf(refusedBy(401))).toBe("signed-out");
    expect(outcomeOf(refusedBy(422))).toBe("refused");
    expect(outcomeOf(refusedBy(403))).toBe("refused");
    expect(outcomeOf(refusedBy(409))).toBe("refused");
  });
});

describe("syncQueue", () => {
  it("sends the user's waiting entries oldest first, each with its own key, and empties the queue", async () => {
    const queue = memoryQueue([queued("2"), queued("1"), queued("3", 4)]);
    const sentKeys: string[] = [];
    const result = await syncQueue(queue, 3, async (item) => void sentKeys.push(item.key));
    expect(sentKeys).toEqual(["1", "2"]);
    expect(result).toEqual({ sent: 2, refused: 0, waiting: 0, signedOut: false });
    // Another user's entry stays for their session.
    expect([...queue.items.keys()]).toEqual(["3"]);
  });

  it("keeps a refused entry with the server's reason, and goes on with the rest", async () => {
    const queue = memoryQueue([queued("1"), queued("2")]);
    const result = await syncQueue(queue, 3, async (item) => {
      if (item.key === "1") throw refusedBy(422);
    });
    expect(result).toMatchObject({ sent: 1, refused: 1 });
    expect(queue.items.get("1")).toMatchObject({
      state: "refused",
      refusal: { message: "Datumet ligger i framtiden.", issues: [{ path: "occurredAt" }] },
    });
    // A refused entry is not sent again by itself: a person fixes or discards it.
    const again: string[] = [];
    await syncQueue(queue, 3, async (item) => void again.push(item.key));
    expect(again).toEqual([]);
  });

  it("stops at the first network failure and keeps that entry and the rest, for the next try", async () => {
    const queue = memoryQueue([queued("1"), queued("2"), queued("3")]);
    let calls = 0;
    const result = await syncQueue(queue, 3, async () => {
      calls++;
      if (calls === 2) throw offline();
    });
    expect(result).toEqual({ sent: 1, refused: 0, waiting: 2, signedOut: false });
    expect([...queue.items.keys()].toSorted()).toEqual(["2", "3"]);
  });

  it("keeps everything when the session has ended", async () => {
    const queue = memoryQueue([queued("1")]);
    const result = await syncQueue(queue, 3, async () => {
      throw refusedBy(401);
    });
    expect(result.signedOut).toBe(true);
    expect(queue.items.get("1")?.state).toBe("waiting");
  });
});
