import type { SignIn } from "@lofteskollen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api/client";
import { safeNextPath } from "./next-path";
import { resetSession, signIn } from "./queries";
import type { SignInLocationState } from "./require-sign-in";

const ERROR_ID = "sign-in-error";

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();
  const next = safeNextPath(searchParams.get("next"));
  const sessionExpired = (location.state as SignInLocationState | null)?.sessionExpired === true;

  const signingIn = useMutation({
    mutationFn: signIn,
    // A wrong password answers 401 here: the API's message is shown, no session has ended.
    meta: { unauthorizedIsAnAnswer: true },
    onSuccess: (user) => {
      resetSession(queryClient, user);
      void navigate(next, { replace: true });
    },
  });

  const issues = signingIn.error instanceof ApiError ? signingIn.error.issues : [];
  const invalid = (field: keyof SignIn) => issues.some((issue) => issue.path === field);
  const issueMessages = [...new Set(issues.map((issue) => issue.message))].filter(
    (message) => message !== signingIn.error?.message,
  );

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signingIn.mutate({ email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") });
  };

  return (
    <section className="panel page page--narrow" aria-labelledby="sign-in-heading">
      <title>{t("app.pageTitle", { page: t("signIn.heading") })}</title>
      <h2 id="sign-in-heading">{t("signIn.heading")}</h2>
      {sessionExpired && (
        <p className="notice" role="status">
          {t("signIn.sessionExpired")}
        </p>
      )}
      <p className="page__intro">{t("signIn.intro")}</p>
      {/* The API words every refusal for the person (in Swedish): validation, wrong password, too many attempts. */}
      <form className="form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="sign-in-email">{t("signIn.email")}</label>
          <input
            id="sign-in-email"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            autoCapitalize="none"
            required
            aria-invalid={invalid("email") || undefined}
            aria-describedby={invalid("email") ? ERROR_ID : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t("signIn.password")}</label>
          <input
            id="sign-in-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={invalid("password") || undefined}
            aria-describedby={invalid("password") ? ERROR_ID : undefined}
          />
        </div>
        {signingIn.isError && (
          <div id={ERROR_ID} className="form__error" role="alert">
            <p>{errorMessage(signingIn.error, t)}</p>
            {issueMessages.length > 0 && (
              <ul>
                {issueMessages.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <button type="submit" className="button" disabled={signingIn.isPending}>
          {signingIn.isPending ? t("signIn.submitting") : t("signIn.submit")}
        </button>
      </form>
      <p className="page__note">{t("signIn.forgotten")}</p>
    </section>
  );
}
