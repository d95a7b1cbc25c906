/** Keys of sharing a promise as JSON, general to specific. */
export const transferKeys = {
  all: () => ["promise-transfer"] as const,
  export: (promiseId: number) => [...transferKeys.all(), "export", promiseId] as const,
  import: () => [...transferKeys.all(), "import"] as const,
};
