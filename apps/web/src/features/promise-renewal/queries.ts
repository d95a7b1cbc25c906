/** Keys of the renewal write (the new promise is then read with `promiseQueries`). */
export const renewalKeys = {
  all: () => ["promise-renewal"] as const,
  renew: (promiseId: number) => [...renewalKeys.all(), promiseId] as const,
};
