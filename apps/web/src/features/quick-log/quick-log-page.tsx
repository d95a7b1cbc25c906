import type { Activity } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { PATHS } from "../../app/paths";
import { QueryState } from "../../app/query-state";
import { useSignedInUser } from "../auth/signed-in-user";
import { commitmentQueries } from "../commitment-page/queries";
import { offlineQueries } from "../offline/queries";
import { QueuedList } from "../offline/queued-list";
import { deviceQueue, type QueuedActivity } from "../offline/queue-store";
import { progressQueries } from "../progress/queries";
import { CommitmentPicker } from "./commitment-picker";
import { LogForm } from "./log-form";
import { loggableCommitments, recentFirst } from "./loggable";
import { usePromiseDetails } from "./queries";
import { recentCommitments, rememberLog } from "./recent";
import { SavedNotice } from "./saved-notice";

/** The chosen commitment is in the address (`?atagande=11`), so the phone's back button returns to the list. */
const COMMITMENT_PARAM = "atagande";

/** `/registrera`: log a completed activity from a phone in a few taps. */
export function QuickLogPage() {
  const { t } = useTranslation();
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const today = todayInStockholm();
  const promises = usePromiseDetails();
  const [saved, setSaved] = useState<{ activity: Activity; commitmentId: number } | null>(null);
  const [queued, setQueued] = useState<QueuedActivity | null>(null);
  // A queued entry the server refused, opened in the form to be fixed.
  const [fixing, setFixing] = useState<QueuedActivity | null>(null);

  const commitments = recentFirst(loggableCommitments(user, promises.data, today), recentCommitments(localStorage, user.id));
  const chosenId = fixing?.input.commitmentId ?? Number(params.get(COMMITMENT_PARAM));
  const chosen = commitments.find((commitment) => commitment.id === chosenId) ?? null;
  const savedCommitment = saved ? commitments.find((commitment) => commitment.id === saved.commitmentId) : undefined;

  const choose = (commitmentId: number | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (commitmentId === null) next.delete(COMMITMENT_PARAM);
      else next.set(COMMITMENT_PARAM, String(commitmentId));
      return next;
    });

  return (
    <section className="panel page page--narrow quick-log" aria-labelledby="quick-log-heading">
      <title>{t("app.pageTitle", { page: t("quickLog.heading") })}</title>
      <h2 id="quick-log-heading">{t("quickLog.heading")}</h2>
      <p className="page__note page__links">
        <Link className="text-link" to={PATHS.weekGrid}>
          {t("quickLog.toWeekGrid")}
        </Link>
        <Link className="text-link" to={PATHS.import}>
          {t("quickLog.toImport")}
        </Link>
      </p>
      {saved && savedCommitment && <SavedNotice key={saved.activity.id} activity={saved.activity} commitment={savedCommitment} today={today} />}
      {queued && (
        <p className="notice" role="status">
          <span aria-hidden="true">↻ </span>
          {t("offline.queued", { title: queued.commitmentTitle })}
        </p>
      )}
      {!chosen && <QueuedList userId={user.id} onFix={(item) => setFixing(item)} />}
      <QueryState query={promises} loading={t("quickLog.loading")} error={t("quickLog.error")} />
      {!promises.isPending && !promises.isError && (
        chosen ? (
          <LogForm
            key={fixing?.key ?? chosen.id}
            user={user}
            commitment={chosen}
            today={today}
            initial={fixing?.input}
            onCancel={() => {
              setFixing(null);
              choose(null);
            }}
            onQueued={(item) => {
              setQueued(item);
              setSaved(null);
              void queryClient.invalidateQueries({ queryKey: offlineQueries.all() });
              choose(null);
            }}
            onSaved={(activity) => {
              if (fixing) {
                // The fixed entry is a new request; the refused one leaves the queue.
                void deviceQueue().remove(fixing.key).then(() => queryClient.invalidateQueries({ queryKey: offlineQueries.all() }));
                setFixing(null);
              }
              rememberLog(localStorage, user.id, chosen.id, activity.place);
              setQueued(null);
              setSaved({ activity, commitmentId: chosen.id });
              void queryClient.invalidateQueries({ queryKey: progressQueries.all() });
              void queryClient.invalidateQueries({ queryKey: commitmentQueries.detail(chosen.id) });
              choose(null);
            }}
          />
        ) : (
          <CommitmentPicker commitments={commitments} onPick={(commitment) => choose(commitment.id)} />
        )
      )}
    </section>
  );
}
