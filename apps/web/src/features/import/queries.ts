import type { ImportMappingInput } from "@lofteskollen/contracts";
import { queryOptions } from "@tanstack/react-query";
import { api } from "../../api/endpoints";
import type { ImportFormat } from "./import-model";

/** A file chosen for import, read into memory. `token` names this choice (the content stays out of the key). */
export type ChosenFile = { token: string; name: string; format: ImportFormat; content: string };

export const importQueries = {
  all: () => ["imports"] as const,
  /**
   * The server's reading of the file: every row checked, nothing stored. A preview is a POST
   * (the file is the body) but reads only, so it is cached like any query: mapping a column back
   * and forth asks the server once per mapping.
   */
  preview: (file: ChosenFile, mapping: ImportMappingInput | null) =>
    queryOptions({
      queryKey: [...importQueries.all(), "preview", file.token, mapping ?? "suggested"] as const,
      queryFn: ({ signal }) =>
        api.imports.preview({ format: file.format, content: file.content, fileName: file.name, ...(mapping ? { mapping } : {}) }, { signal }),
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: 60_000,
      retry: false,
    }),
};
