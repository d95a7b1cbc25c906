import type { Activity } from "@lofteskollen/contracts";
import { containsPersonalIdentityNumber } from "@lofteskollen/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { progressQueries } from "../progress/queries";
import { commitmentQueries } from "./queries";

/** "Makulera": the activity stops counting but stays in the history, with the reason given here. */
export function VoidActivity({ activity }: { activity: Activity }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const voiding = useMutation({
    mutationFn: () => api.activities.void(activity.id, reason.trim()),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: commitmentQueries.detail(activity.commitmentId) });
      void queryClient.invalidateQueries({ queryKey: progressQueries.all() });
    },
  });
  const privacyProblem = containsPersonalIdentityNumber(reason) ? t("quickLog.personalNumber", { field: t("voiding.reason") }) : null;

  if (!open) {
    return (
      <button type="button" className="button button--quiet button--small" onClick={() => setOpen(true)}>
        {t("voiding.open")}
        <span className="visually-hidden">: {t("voiding.which", { date: activity.localDate, quantity: activity.quantity })}</span>
      </button>
    );
  }
  return (
    <form
      className="void-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() && !privacyProblem && !voiding.isPending) voiding.mutate();
      }}
    >
      <label htmlFor={`${id}-reason`}>{t("voiding.reason")}</label>
      <input id={`${id}-reason`} value={reason} maxLength={500} required onChange={(event) => setReason(event.target.value)} />
      {privacyProblem && (
        <p className="field__error" role="alert">
          {privacyProblem}
        </p>
      )}
      {voiding.isError && (
        <p className="field__error" role="alert">
          {errorMessage(voiding.error, t)}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--danger button--small" disabled={!reason.trim() || voiding.isPending}>
          {voiding.isPending ? t("voiding.voiding") : t("voiding.confirm")}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={() => setOpen(false)}>
          {t("tokens.cancel")}
        </button>
      </div>
    </form>
  );
}
