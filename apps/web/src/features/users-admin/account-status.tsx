import type { User } from "@lofteskollen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { tokenQueries } from "../tokens/queries";
import { usersAdminQueries } from "./queries";

/**
 * Disable a user (asks first: they are signed out everywhere and their API keys stop working),
 * or enable a disabled one again.
 */
export function AccountStatusPanel({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const disabled = user.disabledAt !== null;
  const toggle = useMutation({
    mutationFn: () => api.users.setDisabled(user.id, !disabled),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: usersAdminQueries.all() });
      await queryClient.invalidateQueries({ queryKey: tokenQueries.all() });
    },
  });

  return (
    <section className="panel page users-admin__account" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{disabled ? t("usersAdmin.account.enableHeading") : t("usersAdmin.account.disableHeading")}</h2>
      <p className="page__intro">{disabled ? t("usersAdmin.account.enableIntro", { name: user.name }) : t("usersAdmin.account.disableIntro", { name: user.name })}</p>
      {toggle.isError && (
        <p className="form__error" role="alert">
          {errorMessage(toggle.error, t)}
        </p>
      )}
      <div role="status" className="users-admin__status">
        {toggle.isSuccess && <p className="notice">{disabled ? t("usersAdmin.account.disabled", { name: user.name }) : t("usersAdmin.account.enabled", { name: user.name })}</p>}
      </div>
      {disabled ? (
        <div className="form__actions">
          <button type="button" className="button" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
            {t("usersAdmin.account.enable", { name: user.name })}
          </button>
        </div>
      ) : confirming ? (
        <div className="confirm" role="group" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`}>{t("usersAdmin.account.confirmDisable", { name: user.name })}</p>
          <div className="confirm__buttons">
            <button type="button" className="button button--danger" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
              {toggle.isPending ? t("usersAdmin.saving") : t("usersAdmin.account.confirmDisableYes")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t("usersAdmin.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="form__actions">
          <button
            type="button"
            className="button button--danger"
            onClick={() => {
              toggle.reset();
              setConfirming(true);
            }}
          >
            {t("usersAdmin.account.disable", { name: user.name })}
          </button>
        </div>
      )}
    </section>
  );
}
