import type { Activity } from "@lofteskollen/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { displayWindow, formatCount, formatTarget, localeOf } from "../progress/format";
import { progressQueries } from "../progress/queries";
import type { LoggableCommitment } from "./loggable";

/** How long "Ångra" is offered after saving: long enough to notice a wrong tap, short enough not to undo yesterday. */
export const UNDO_MINUTES = 5;

/**
 * "Sparat": what was logged, the commitment's count now, and "Ångra" (which voids the activity,
 * so it stays in the history) for a few minutes.
 */
export function SavedNotice({ activity, commitment, today }: { activity: Activity; commitment: LoggableCommitment; today: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const queryClient = useQueryClient();
  const progress = useQuery(progressQueries.promise(commitment.promiseId, today));
  const [canUndo, setCanUndo] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setCanUndo(false), UNDO_MINUTES * 60_000);
    return () => clearTimeout(timer);
  }, []);
  const undo = useMutation({
    mutationFn: () => api.activities.void(activity.id, t("quickLog.undoReason")),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: progressQueries.all() }),
  });

  const item = progress.data?.commitments.find((entry) => entry.commitmentId === commitment.id);
  const window = item ? displayWindow(item, today) : null;

  return (
    <div className={`notice saved${undo.isSuccess ? " saved--undone" : ""}`} role="status" tabIndex={-1}>
      {undo.isSuccess ? (
        <p>{t("quickLog.undone", { title: commitment.title })}</p>
      ) : (
        <>
          <p className="saved__what">
            <span aria-hidden="true">✓ </span>
            {t("quickLog.saved", {
              quantity: formatCount(activity.quantity, locale),
              title: commitment.title,
              date: activity.localDate,
            })}
          </p>
          {window && (
            <p className="saved__count">
              {window.target === null
                ? t("quickLog.countNow", { actual: formatCount(window.actual, locale), unit: commitment.unit })
                : t("quickLog.countOfTarget", {
                    actual: formatCount(window.actual, locale),
                    target: formatTarget(window.target, locale),
                    unit: commitment.unit,
                  })}
            </p>
          )}
          {canUndo && (
            <button type="button" className="button button--secondary" disabled={undo.isPending} onClick={() => undo.mutate()}>
              {undo.isPending ? t("quickLog.undoing") : t("quickLog.undo")}
            </button>
          )}
          {undo.isError && <p className="form__error">{errorMessage(undo.error, t)}</p>}
        </>
      )}
    </div>
  );
}
