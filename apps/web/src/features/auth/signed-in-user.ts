import type { CurrentUser } from "@lofteskollen/contracts";
import { createContext, useContext } from "react";

export const SignedInUserContext = createContext<CurrentUser | null>(null);

/** The signed-in user, for a page behind `RequireSignIn` (which provides it). */
export function useSignedInUser(): CurrentUser {
  const user = useContext(SignedInUserContext);
  if (!user) throw new Error("useSignedInUser is used outside RequireSignIn");
  return user;
}
