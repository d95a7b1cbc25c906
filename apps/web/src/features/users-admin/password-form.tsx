import type { User } from "@lofteskollen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { usersAdminQueries } from "./queries";
import { fieldError } from "./user-fields";
import { userProblemsOf } from "./users-model";

/** A new temporary password for a user who forgot theirs: every session of theirs ends. */
export function PasswordForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState("");
  const change = useMutation({
    mutationFn: (value: string) => api.users.setPassword(user.id, value),
    onSuccess: async () => {
      setPassword("");
      await queryClient.invalidateQueries({ queryKey: usersAdminQueries.sessions(user.id).queryKey });
    },
  });
  const problems = userProblemsOf(change.error);
  const field = fieldError(`${id}-password`, problems.password);
  const other = change.isError && !problems.password ? errorMessage(change.error, t) : null;

  return (
    <section className="panel page" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("usersAdmin.password.heading")}</h2>
      <p className="page__intro">{t("usersAdmin.password.intro", { name: user.name })}</p>
      <form
        className="form"
        noValidate
        aria-labelledby={`${id}-heading`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!change.isPending) change.mutate(password);
        }}
      >
        <div className="field field--wide">
          <label htmlFor={`${id}-password`}>{t("usersAdmin.fields.temporaryPassword")}</label>
          <input
            id={`${id}-password`}
            type="text"
            value={password}
            autoComplete="off"
            spellCheck={false}
            {...field.inputProps}
            aria-describedby={[`${id}-hint`, field.inputProps["aria-describedby"]].filter(Boolean).join(" ")}
            onChange={(event) => {
              setPassword(event.target.value);
              if (!change.isPending) change.reset();
            }}
          />
          <p id={`${id}-hint`} className="field__hint">
            {t("usersAdmin.fields.passwordHint")}
          </p>
          {field.message}
        </div>
        {other && (
          <p className="form__error" role="alert">
            {other}
          </p>
        )}
        <div role="status" className="users-admin__status">
          {change.isSuccess && <p className="notice">{t("usersAdmin.password.done", { name: user.name })}</p>}
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={change.isPending}>
            {change.isPending ? t("usersAdmin.saving") : t("usersAdmin.password.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
