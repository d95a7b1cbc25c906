import { useMutation, useQueryClient } from "@tanstack/react-query";
import { flushSync } from "react-dom";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { errorMessage } from "../../api/client";
import { PATHS } from "../../app/paths";
import { resetSession, signOut } from "./queries";

export function SignOutButton() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signingOut = useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      // Leave the signed-in pages before forgetting the user: otherwise `RequireSignIn` would see
      // the user vanish and take it for an expired session. Synchronous, so the order holds
      // (the router runs without transitions for this; see main.tsx).
      flushSync(() => void navigate(PATHS.signIn, { replace: true }));
      resetSession(queryClient, null);
    },
  });

  return (
    <>
      <button type="button" className="button button--quiet" disabled={signingOut.isPending} onClick={() => signingOut.mutate()}>
        {signingOut.isPending ? t("session.signingOut") : t("session.signOut")}
      </button>
      {signingOut.isError && (
        <p className="session__error" role="alert">
          {errorMessage(signingOut.error, t)}
        </p>
      )}
    </>
  );
}
