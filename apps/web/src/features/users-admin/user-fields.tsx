import type { Role } from "@lofteskollen/domain";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../app/query-state";
import { referenceQueries } from "../reference-lists/queries";
import { organisationChoices, ROLE_CHOICES, toggled } from "./users-model";

/** A field's error under it, and the attributes that tie the input to it. */
export function fieldError(id: string, error: string | undefined) {
  return {
    inputProps: { "aria-invalid": error ? (true as const) : undefined, "aria-describedby": error ? `${id}-error` : undefined },
    message: error ? (
      <p id={`${id}-error`} className="field__error">
        {error}
      </p>
    ) : null,
  };
}

export function RoleField({ id, value, error, onChange }: { id: string; value: Role; error?: string; onChange: (role: Role) => void }) {
  const { t } = useTranslation();
  const { inputProps, message } = fieldError(id, error);
  return (
    <div className="field field--wide">
      <label htmlFor={id}>{t("usersAdmin.fields.role")}</label>
      <select
        id={id}
        value={value}
        {...inputProps}
        aria-describedby={[`${id}-hint`, inputProps["aria-describedby"]].filter(Boolean).join(" ")}
        onChange={(event) => onChange(event.target.value as Role)}
      >
        {ROLE_CHOICES.map((role) => (
          <option key={role} value={role}>
            {t(`usersAdmin.roles.${role}`)}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="field__hint">
        {t(`usersAdmin.roleHint.${value}`)}
      </p>
      {message}
    </div>
  );
}

/**
 * The organisations as checkboxes (from the reference list, archived ones left out unless the
 * user has them). A coordinator registers activities for the ones ticked.
 */
export function OrganisationsField({
  id,
  value,
  current = [],
  role,
  error,
  onChange,
}: {
  id: string;
  value: readonly string[];
  /** What the user has now: an archived one of these stays on offer. */
  current?: readonly string[];
  role: Role;
  error?: string;
  onChange: (organisations: string[]) => void;
}) {
  const { t } = useTranslation();
  const organisations = useQuery(referenceQueries.list("organisations"));
  const choices = organisationChoices(organisations.data ?? [], current);
  const order = choices.map((choice) => choice.name);
  const hintId = `${id}-hint`;
  return (
    <fieldset
      className="choice users-admin__organisations"
      aria-describedby={[hintId, error ? `${id}-error` : null].filter(Boolean).join(" ")}
    >
      <legend>{t("usersAdmin.fields.organisations")}</legend>
      <p id={hintId} className="field__hint">
        {role === "coordinator" ? t("usersAdmin.fields.organisationsHintCoordinator") : t("usersAdmin.fields.organisationsHint")}
      </p>
      <QueryState query={organisations} loading={t("usersAdmin.organisationsLoading")} error={t("usersAdmin.organisationsError")} />
      {organisations.isSuccess && choices.length === 0 && <p className="state">{t("usersAdmin.noOrganisations")}</p>}
      {choices.length > 0 && (
        <ul className="users-admin__checks">
          {choices.map((choice, index) => (
            <li key={choice.name} className="field--check">
              <input
                id={`${id}-${index}`}
                type="checkbox"
                checked={value.includes(choice.name)}
                onChange={(event) => onChange(toggled(value, choice.name, event.target.checked, order))}
              />
              <label htmlFor={`${id}-${index}`}>
                {choice.name}
                {choice.archived && ` (${t("usersAdmin.archived")})`}
              </label>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
