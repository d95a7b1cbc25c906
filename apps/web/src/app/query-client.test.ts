import { MutationObserver, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/client";
import { authQueries } from "../features/auth/queries";
import { USERS } from "../test/render";
import { createQueryClient } from "./query-client";

const expired = () => new ApiError("Du är inte inloggad.", { status: 401, code: "unauthenticated", fromApi: true });
const forbidden = () => new ApiError("Din roll får inte.", { status: 403, code: "forbidden", fromApi: true });

function signedInClient() {
  const queryClient = createQueryClient({ retry: false });
  queryClient.setQueryData(authQueries.me().queryKey, USERS.admin);
  return queryClient;
}

const failingQuery = (queryClient: ReturnType<typeof createQueryClient>, error: Error) =>
  queryClient.fetchQuery({ queryKey: ["audit", "list", {}], queryFn: () => Promise.reject(error) }).catch(() => undefined);

const failingMutation = (queryClient: ReturnType<typeof createQueryClient>, error: Error, meta?: { unauthorizedIsAnAnswer?: boolean }) =>
  new MutationObserver(queryClient, { mutationFn: () => Promise.reject(error), meta }).mutate().catch(() => undefined);

describe("createQueryClient", () => {
  it("forgets who is signed in when a query answers 401", async () => {
    const queryClient = signedInClient();
    await failingQuery(queryClient, expired());
    expect(queryClient.getQueryData(authQueries.me().queryKey)).toBeNull();
  });

  it("forgets who is signed in when a mutation answers 401", async () => {
    const queryClient = signedInClient();
    await failingMutation(queryClient, expired());
    expect(queryClient.getQueryData(authQueries.me().queryKey)).toBeNull();
  });

  it("keeps who is signed in when a mutation's 401 is its answer (a refused sign-in)", async () => {
    const queryClient = signedInClient();
    await failingMutation(queryClient, expired(), { unauthorizedIsAnAnswer: true });
    expect(queryClient.getQueryData(authQueries.me().queryKey)).toEqual(USERS.admin);
  });

  it("keeps who is signed in when the role may not (403)", async () => {
    const queryClient = signedInClient();
    await failingQuery(queryClient, forbidden());
    await failingMutation(queryClient, forbidden());
    expect(queryClient.getQueryData(authQueries.me().queryKey)).toEqual(USERS.admin);
  });

  it("does not ask again after 401 or 403 by default", async () => {
    const queryClient = createQueryClient();
    let asked = 0;
    const observer = new QueryObserver(queryClient, {
      queryKey: ["tokens", "list"],
      queryFn: () => {
        asked += 1;
        return Promise.reject(forbidden());
      },
    });
    await observer.refetch();
    expect(asked).toBe(1);
  });
});
