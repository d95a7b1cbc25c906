import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { QueryState } from "../../app/query-state";
import { CreatedTokenNotice } from "./created-token-notice";
import { createToken, tokenQueries } from "./queries";
import { TokenList } from "./token-list";

/** The signed-in user's API keys: every role may have some, for scripts that act as them. */
export function TokensPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const tokens = useQuery(tokenQueries.list());
  const formRef = useRef<HTMLFormElement>(null);
  const creating = useMutation({
    mutationFn: createToken,
    // The answer holds the secret: keep it no longer than this page shows it.
    gcTime: 0,
    onSuccess: () => {
      formRef.current?.reset();
      return queryClient.invalidateQueries({ queryKey: tokenQueries.all() });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    creating.mutate(String(new FormData(event.currentTarget).get("name") ?? ""));
  };

  return (
    <div className="page-stack">
      <title>{t("app.pageTitle", { page: t("tokens.heading") })}</title>
      <section className="panel page" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{t("tokens.heading")}</h2>
        <p className="page__intro">{t("tokens.intro")}</p>

        {creating.isSuccess && <CreatedTokenNotice token={creating.data} onDone={() => creating.reset()} />}

        <form ref={formRef} className="form form--inline" onSubmit={onSubmit} noValidate aria-labelledby="token-create-heading">
          <h3 id="token-create-heading">{t("tokens.createHeading")}</h3>
          <div className="field">
            <label htmlFor="token-name">{t("tokens.name")}</label>
            <input
              id="token-name"
              name="name"
              type="text"
              maxLength={100}
              autoComplete="off"
              aria-describedby="token-name-hint"
              aria-invalid={creating.isError || undefined}
            />
            <p id="token-name-hint" className="field__hint">
              {t("tokens.nameHint")}
            </p>
          </div>
          {creating.isError && (
            <p className="form__error" role="alert">
              {errorMessage(creating.error, t)}
            </p>
          )}
          <button type="submit" className="button" disabled={creating.isPending}>
            {creating.isPending ? t("tokens.creating") : t("tokens.create")}
          </button>
        </form>
      </section>

      <section className="panel page" aria-labelledby="tokens-list-heading">
        <h2 id="tokens-list-heading">{t("tokens.listHeading")}</h2>
        <QueryState query={tokens} loading={t("tokens.loading")} error={t("tokens.error")} />
        {tokens.isSuccess &&
          (tokens.data.length === 0 ? <p className="state">{t("tokens.empty")}</p> : <TokenList tokens={tokens.data} />)}
      </section>
    </div>
  );
}
