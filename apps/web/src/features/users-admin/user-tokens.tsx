import type { User } from "@lofteskollen/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { QueryState } from "../../app/query-state";
import { CreatedTokenNotice } from "../tokens/created-token-notice";
import { TokenList } from "../tokens/token-list";
import { usersAdminQueries } from "./queries";
import { userProblemsOf } from "./users-model";

/**
 * The user's API keys (for an integration that acts as them): create one, its secret shown once,
 * and revoke. The pieces are the user's own keys page's; revoking refreshes this list too.
 */
export function UserTokens({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const tokens = useQuery(usersAdminQueries.tokens(user.id));
  const formRef = useRef<HTMLFormElement>(null);
  const creating = useMutation({
    mutationFn: (name: string) => api.users.createToken(user.id, name),
    // The answer holds the secret: keep it no longer than this page shows it.
    gcTime: 0,
    onSuccess: () => {
      formRef.current?.reset();
      return queryClient.invalidateQueries({ queryKey: usersAdminQueries.tokens(user.id).queryKey });
    },
  });
  const problems = userProblemsOf(creating.error);
  const nameError = creating.isError ? (problems.name ?? errorMessage(creating.error, t)) : undefined;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!creating.isPending) creating.mutate(String(new FormData(event.currentTarget).get("name") ?? ""));
  };

  return (
    <section className="panel page" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("usersAdmin.tokens.heading")}</h2>
      <p className="page__intro">{t("usersAdmin.tokens.intro", { name: user.name })}</p>
      {creating.isSuccess && <CreatedTokenNotice token={creating.data} onDone={() => creating.reset()} secretLabel={t("usersAdmin.tokens.secretLabel", { name: user.name })} />}
      {user.disabledAt === null && (
        <form ref={formRef} className="form form--inline" onSubmit={onSubmit} noValidate aria-label={t("usersAdmin.tokens.create")}>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t("tokens.name")}</label>
            <input
              id={`${id}-name`}
              name="name"
              type="text"
              maxLength={100}
              autoComplete="off"
              aria-invalid={nameError ? true : undefined}
              aria-describedby={[`${id}-hint`, nameError ? `${id}-error` : null].filter(Boolean).join(" ")}
            />
            <p id={`${id}-hint`} className="field__hint">
              {t("tokens.nameHint")}
            </p>
            {nameError && (
              <p id={`${id}-error`} className="field__error">
                {nameError}
              </p>
            )}
          </div>
          <button type="submit" className="button" disabled={creating.isPending}>
            {creating.isPending ? t("tokens.creating") : t("tokens.create")}
          </button>
        </form>
      )}
      <QueryState query={tokens} loading={t("usersAdmin.tokens.loading")} error={t("usersAdmin.tokens.error")} />
      {tokens.isSuccess &&
        (tokens.data.length === 0 ? <p className="state">{t("usersAdmin.tokens.none", { name: user.name })}</p> : <TokenList tokens={tokens.data} />)}
    </section>
  );
}
