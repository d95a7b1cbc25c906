import type { User } from "@lofteskollen/contracts";
import type { Role } from "@lofteskollen/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { authQueries } from "../auth/queries";
import { usersAdminQueries } from "./queries";
import { fieldError, OrganisationsField, RoleField } from "./user-fields";
import { userProblemsOf } from "./users-model";

/**
 * Name, role and organisations of a user. Saved at once for the user's open sessions too: their
 * next request acts with the new role. The API refuses to take the admin role from the last admin.
 */
export function UserAccessForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [organisations, setOrganisations] = useState<string[]>(user.organisations);
  const save = useMutation({
    mutationFn: () => api.users.update(user.id, { name: name.trim(), role, organisations }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersAdminQueries.all() });
      // Changing oneself changes what the app offers.
      await queryClient.invalidateQueries({ queryKey: authQueries.all() });
    },
  });
  const edit = <T,>(setter: (value: T) => void) => (value: T) => {
    setter(value);
    if (!save.isPending) save.reset();
  };
  const problems = userProblemsOf(save.error);
  const other = save.isError && !problems.name && !problems.role && !problems.organisations ? errorMessage(save.error, t) : null;
  const nameField = fieldError(`${id}-name`, problems.name);

  return (
    <section className="panel page" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("usersAdmin.access.heading")}</h2>
      <form
        className="form"
        noValidate
        aria-labelledby={`${id}-heading`}
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending) save.mutate();
        }}
      >
        <div className="field field--wide">
          <label htmlFor={`${id}-name`}>{t("usersAdmin.fields.name")}</label>
          <input id={`${id}-name`} value={name} autoComplete="off" {...nameField.inputProps} onChange={(event) => edit(setName)(event.target.value)} />
          {nameField.message}
        </div>
        <RoleField id={`${id}-role`} value={role} error={problems.role} onChange={edit(setRole)} />
        <OrganisationsField
          id={`${id}-organisations`}
          value={organisations}
          current={user.organisations}
          role={role}
          error={problems.organisations}
          onChange={edit(setOrganisations)}
        />
        {other && (
          <p className="form__error" role="alert">
            {other}
          </p>
        )}
        <div role="status" className="users-admin__status">
          {save.isSuccess && <p className="notice">{t("usersAdmin.access.saved", { name: name.trim() })}</p>}
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={save.isPending}>
            {save.isPending ? t("usersAdmin.saving") : t("usersAdmin.access.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
