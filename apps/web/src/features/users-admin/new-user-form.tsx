import type { User } from "@lofteskollen/contracts";
import type { Role } from "@lofteskollen/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { userPath } from "../../app/paths";
import { usersAdminQueries } from "./queries";
import { fieldError, OrganisationsField, RoleField } from "./user-fields";
import { userProblemsOf } from "./users-model";

type Draft = { name: string; email: string; role: Role; organisations: string[]; password: string };
const EMPTY: Draft = { name: "", email: "", role: "coordinator", organisations: [], password: "" };

/** "Lägg till användare": name, email, role, organisations and a temporary password to pass on. */
export function NewUserForm() {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [created, setCreated] = useState<User | null>(null);
  const create = useMutation({
    mutationFn: (input: Draft) => api.users.create({ ...input, name: input.name.trim(), email: input.email.trim() }),
    onSuccess: async (user) => {
      setCreated(user);
      setDraft(EMPTY);
      await queryClient.invalidateQueries({ queryKey: usersAdminQueries.all() });
    },
  });
  const problems = userProblemsOf(create.error);
  const fieldsWithProblems = ["name", "email", "role", "organisations", "password"];
  const other = create.isError && !fieldsWithProblems.some((field) => problems[field]) ? errorMessage(create.error, t) : null;
  const set = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setCreated(null);
  };
  const name = fieldError(`${id}-name`, problems.name);
  const email = fieldError(`${id}-email`, problems.email);
  const password = fieldError(`${id}-password`, problems.password);

  return (
    <form
      className="form"
      noValidate
      aria-labelledby={`${id}-heading`}
      onSubmit={(event) => {
        event.preventDefault();
        if (!create.isPending) create.mutate(draft);
      }}
    >
      <h3 id={`${id}-heading`}>{t("usersAdmin.create.heading")}</h3>
      <div role="status" className="users-admin__status">
        {created && (
          <p className="notice">
            {t("usersAdmin.create.done", { name: created.name })}{" "}
            <Link className="text-link" to={userPath(created.id)}>
              {t("usersAdmin.create.open", { name: created.name })}
            </Link>
          </p>
        )}
      </div>
      <div className="field field--wide">
        <label htmlFor={`${id}-name`}>{t("usersAdmin.fields.name")}</label>
        <input id={`${id}-name`} value={draft.name} autoComplete="off" {...name.inputProps} onChange={(event) => set({ name: event.target.value })} />
        {name.message}
      </div>
      <div className="field field--wide">
        <label htmlFor={`${id}-email`}>{t("usersAdmin.fields.email")}</label>
        <input
          id={`${id}-email`}
          type="email"
          value={draft.email}
          autoComplete="off"
          spellCheck={false}
          {...email.inputProps}
          onChange={(event) => set({ email: event.target.value })}
        />
        {email.message}
      </div>
      <RoleField id={`${id}-role`} value={draft.role} error={problems.role} onChange={(role) => set({ role })} />
      <OrganisationsField
        id={`${id}-organisations`}
        value={draft.organisations}
        role={draft.role}
        error={problems.organisations}
        onChange={(organisations) => set({ organisations })}
      />
      <div className="field field--wide">
        <label htmlFor={`${id}-password`}>{t("usersAdmin.fields.temporaryPassword")}</label>
        <input
          id={`${id}-password`}
          type="text"
          value={draft.password}
          autoComplete="off"
          spellCheck={false}
          {...password.inputProps}
          aria-describedby={[`${id}-password-hint`, password.inputProps["aria-describedby"]].filter(Boolean).join(" ")}
          onChange={(event) => set({ password: event.target.value })}
        />
        <p id={`${id}-password-hint`} className="field__hint">
          {t("usersAdmin.fields.passwordHint")}
        </p>
        {password.message}
      </div>
      {other && (
        <p className="form__error" role="alert">
          {other}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? t("usersAdmin.create.saving") : t("usersAdmin.create.submit")}
        </button>
      </div>
    </form>
  );
}
