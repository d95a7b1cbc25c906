import type { PromiseDetail } from "@lofteskollen/contracts";
import type { QueryClient } from "@tanstack/react-query";
import { commitmentQueries } from "../commitment-page/queries";
import { progressQueries } from "../progress/queries";
import { promiseQueries } from "../promises/queries";

/**
 * Keys of the publishing writes (mutation keys: there is nothing to read here that the promise,
 * progress and updates queries do not already hold), general to specific.
 */
export const publishingKeys = {
  all: () => ["publishing"] as const,
  promise: (promiseId: number) => [...publishingKeys.all(), "promise", promiseId] as const,
  /** Publish or unpublish the promise. */
  status: (promiseId: number) => [...publishingKeys.promise(promiseId), "status"] as const,
  /** Freeze the figures in a snapshot. */
  snapshots: (promiseId: number) => [...publishingKeys.promise(promiseId), "snapshots"] as const,
  /** Show a lägesrapport publicly or not. */
  updatePublic: (updateId: number) => [...publishingKeys.all(), "update", updateId, "public"] as const,
};

/**
 * After a publishing change, fetch again what shows it: the promise (its status), the promise
 * list, its progress and daily totals, the overview's counts and its commitments' updates.
 */
export function refreshAfterPublishing(
  queryClient: QueryClient,
  promise: Pick<PromiseDetail, "id"> & { commitments: readonly { id: number }[] },
): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: promiseQueries.detail(promise.id).queryKey }),
    queryClient.invalidateQueries({ queryKey: promiseQueries.lists() }),
    queryClient.invalidateQueries({ queryKey: [...progressQueries.promises(), promise.id] }),
    queryClient.invalidateQueries({ queryKey: [...progressQueries.all(), "summary"] }),
    ...promise.commitments.map((commitment) =>
      queryClient.invalidateQueries({ queryKey: commitmentQueries.updates(commitment.id).queryKey }),
    ),
  ]);
}
