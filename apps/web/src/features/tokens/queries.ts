import type { CreatedToken, Token } from "@lofteskollen/contracts";
import { queryOptions } from "@tanstack/react-query";
import { fetchJson, sendJson } from "../../api/client";

export const tokenQueries = {
  all: () => ["tokens"] as const,
  /** The signed-in user's API keys, oldest first (never their secrets). */
  list: () =>
    queryOptions({
      queryKey: [...tokenQueries.all(), "list"] as const,
      queryFn: ({ signal }) => fetchJson<Token[]>("/api/tokens", { signal }),
    }),
};

/** A new key; its secret (`token`) is in this answer only: the API keeps just its hash. */
export function createToken(name: string): Promise<CreatedToken> {
  return sendJson<CreatedToken>("POST", "/api/tokens", { name });
}

export function revokeToken(id: number): Promise<Token> {
  return sendJson<Token>("POST", `/api/tokens/${id}/revoke`, {});
}
