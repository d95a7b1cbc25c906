import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation } from "react-router";
import { QueryState } from "../../app/query-state";
import { signInPath } from "./next-path";
import { authQueries } from "./queries";
import { SignedInUserContext } from "./signed-in-user";

/** What the sign-in page is told through the router's location state. */
export type SignInLocationState = { sessionExpired?: boolean };

/**
 * The pages behind sign-in. Nobody signed in: to the sign-in page, which comes back here
 * afterwards. The user disappearing while a page is open (any 401: see `createQueryClient`)
 * means the session ended, and the sign-in page says so.
 */
export function RequireSignIn() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery(authQueries.me());
  // Remembered across renders to tell "the session ended" from "was never signed in"
  // (https://react.dev/reference/react/useState#storing-information-from-previous-renders).
  const [wasSignedIn, setWasSignedIn] = useState(false);
  if (me.data && !wasSignedIn) setWasSignedIn(true);

  // Still asking, or the API could not be asked (a failed refetch keeps the user it had).
  if (me.data === undefined) {
    return <QueryState query={me} loading={t("session.checking")} error={t("session.checkError")} />;
  }
  if (me.data === null) {
    const state: SignInLocationState = { sessionExpired: wasSignedIn };
    return <Navigate to={signInPath(location)} replace state={state} />;
  }
  return (
    <SignedInUserContext value={me.data}>
      <Outlet />
    </SignedInUserContext>
  );
}
