import { queryOptions } from "@tanstack/react-query";
import { deviceQueue } from "./queue-store";

export const offlineQueries = {
  all: () => ["offline-queue"] as const,
  /** The user's activities waiting on this device (IndexedDB, not the network: always runs). */
  queue: (userId: number) =>
    queryOptions({
      queryKey: [...offlineQueries.all(), userId] as const,
      queryFn: async () => (await deviceQueue().all()).filter((item) => item.userId === userId),
      networkMode: "always",
      staleTime: Number.POSITIVE_INFINITY,
    }),
};
