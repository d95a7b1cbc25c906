import type { User, UserSession } from "@lofteskollen/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { formatDateTime } from "../../app/date-time";
import { QueryState } from "../../app/query-state";
import { usersAdminQueries } from "./queries";
import { describeUserAgent } from "./users-model";

/** Where the user is signed in now, newest first: end one, or sign them out everywhere. */
export function UserSessions({ user }: { user: User }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const sessions = useQuery(usersAdminQueries.sessions(user.id));
  const end = useMutation({
    mutationFn: (session: UserSession | null) => api.users.endSessions(user.id, session?.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersAdminQueries.sessions(user.id).queryKey }),
  });
  const count = sessions.data?.length ?? 0;

  return (
    <section className="panel page" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("usersAdmin.sessions.heading")}</h2>
      <p className="page__intro">{t("usersAdmin.sessions.intro")}</p>
      <QueryState query={sessions} loading={t("usersAdmin.sessions.loading")} error={t("usersAdmin.sessions.error")} />
      <div role="status" className="users-admin__status">
        {end.isSuccess && <p className="notice">{t("usersAdmin.sessions.ended", { count: end.data.ended, name: user.name })}</p>}
      </div>
      {end.isError && (
        <p className="form__error" role="alert">
          {errorMessage(end.error, t)}
        </p>
      )}
      {sessions.isSuccess &&
        (count === 0 ? (
          <p className="state">{t("usersAdmin.sessions.none", { name: user.name })}</p>
        ) : (
          <>
            <SessionTable sessions={sessions.data} pending={end.isPending} onEnd={(session) => end.mutate(session)} />
            <div className="form__actions">
              <button type="button" className="button button--danger" disabled={end.isPending} onClick={() => end.mutate(null)}>
                {t("usersAdmin.sessions.endAll")}
              </button>
            </div>
          </>
        ))}
    </section>
  );
}

function SessionTable({ sessions, pending, onEnd }: { sessions: readonly UserSession[]; pending: boolean; onEnd: (session: UserSession) => void }) {
  const { t, i18n } = useTranslation();
  const columns = {
    device: t("usersAdmin.sessions.columns.device"),
    createdAt: t("usersAdmin.sessions.columns.createdAt"),
    lastSeenAt: t("usersAdmin.sessions.columns.lastSeenAt"),
    expiresAt: t("usersAdmin.sessions.columns.expiresAt"),
    address: t("usersAdmin.sessions.columns.address"),
  };
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, i18n.language)}</time>;
  return (
    <table className="records sessions-table">
      <thead>
        <tr>
          <th scope="col">{columns.device}</th>
          <th scope="col">{columns.createdAt}</th>
          <th scope="col">{columns.lastSeenAt}</th>
          <th scope="col">{columns.expiresAt}</th>
          <th scope="col">{columns.address}</th>
          <th scope="col">
            <span className="visually-hidden">{t("usersAdmin.sessions.columns.actions")}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((session) => {
          const device = deviceName(session.userAgent, t);
          return (
            <tr key={session.id}>
              <th scope="row" data-label={columns.device}>
                <div>
                  {device}
                  {session.current && <span className="records__aside">{t("usersAdmin.sessions.current")}</span>}
                </div>
              </th>
              <td data-label={columns.createdAt}>
                <div>{when(session.createdAt)}</div>
              </td>
              <td data-label={columns.lastSeenAt}>
                <div>{when(session.lastSeenAt)}</div>
              </td>
              <td data-label={columns.expiresAt}>
                <div>{when(session.expiresAt)}</div>
              </td>
              <td data-label={columns.address}>
                <div>{session.address ?? t("usersAdmin.sessions.unknown")}</div>
              </td>
              <td className="records__actions">
                <button
                  type="button"
                  className="button button--secondary button--small"
                  disabled={pending}
                  aria-label={t("usersAdmin.sessions.endOneNamed", { device, date: formatDateTime(session.createdAt, i18n.language) })}
                  onClick={() => onEnd(session)}
                >
                  {t("usersAdmin.sessions.endOne")}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** "Chrome, Windows"; the User-Agent text itself when unrecognised (cut short); "okänd" without one. */
function deviceName(userAgent: string | null, t: (key: string, options?: Record<string, unknown>) => string): string {
  const described = describeUserAgent(userAgent);
  if (described) return [described.browser, described.system].filter(Boolean).join(", ");
  if (userAgent) return userAgent.length > 60 ? `${userAgent.slice(0, 59)}…` : userAgent;
  return t("usersAdmin.sessions.unknownDevice");
}
