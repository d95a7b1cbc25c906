import type { User } from "@lofteskollen/contracts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { isNotFound } from "../../api/client";
import { formatDateTime } from "../../app/date-time";
import { NotFoundPage } from "../../app/not-found-page";
import { idParam, PATHS } from "../../app/paths";
import { QueryState } from "../../app/query-state";
import { AccountStatusPanel } from "./account-status";
import { PasswordForm } from "./password-form";
import { usersAdminQueries } from "./queries";
import { UserAccessForm } from "./user-access-form";
import { UserSessions } from "./user-sessions";
import { UserTokens } from "./user-tokens";
import { EmailAddress, UserStatus } from "./users-page";

/** `/anvandare/:userId` (admins): one user — role and organisations, password, sessions, API keys, disable. */
export function UserPage() {
  const userId = idParam(useParams().userId);
  if (userId === null) return <NotFoundPage />;
  return <UserDetail userId={userId} />;
}

function UserDetail({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const user = useQuery(usersAdminQueries.detail(userId));
  if (user.isError && isNotFound(user.error)) {
    return (
      <section className="panel page" aria-labelledby="user-missing-heading">
        <title>{t("app.pageTitle", { page: t("usersAdmin.detail.missing") })}</title>
        <h2 id="user-missing-heading">{t("usersAdmin.detail.missing")}</h2>
        <p>
          <Link className="text-link" to={PATHS.users}>
            {t("usersAdmin.detail.back")}
          </Link>
        </p>
      </section>
    );
  }
  return (
    <div className="page-stack">
      <title>{t("app.pageTitle", { page: user.data?.name ?? t("usersAdmin.heading") })}</title>
      <section className="panel page" aria-labelledby="user-heading">
        <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
          <Link to={PATHS.users}>{t("usersAdmin.heading")}</Link>
        </nav>
        <h2 id="user-heading">{user.data?.name ?? t("usersAdmin.detail.loadingTitle")}</h2>
        <QueryState query={user} loading={t("usersAdmin.detail.loading")} error={t("usersAdmin.detail.error")} />
        {user.data && <UserFacts user={user.data} />}
      </section>
      {user.data && (
        <>
          <UserAccessForm key={user.data.id} user={user.data} />
          <UserSessions user={user.data} />
          <UserTokens user={user.data} />
          <PasswordForm user={user.data} />
          <AccountStatusPanel user={user.data} />
        </>
      )}
    </div>
  );
}

function UserFacts({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="facts">
      <div>
        <dt>{t("usersAdmin.columns.email")}</dt>
        <dd className="users-table__email">
          <EmailAddress email={user.email} />
        </dd>
      </div>
      <div>
        <dt>{t("usersAdmin.columns.role")}</dt>
        <dd>{t(`usersAdmin.roles.${user.role}`)}</dd>
      </div>
      <div>
        <dt>{t("usersAdmin.columns.organisations")}</dt>
        <dd>{user.organisations.length > 0 ? user.organisations.join(", ") : t("usersAdmin.noneChosen")}</dd>
      </div>
      <div>
        <dt>{t("usersAdmin.columns.status")}</dt>
        <dd>
          <UserStatus user={user} />
          {user.disabledAt && (
            <>
              {" "}
              {t("usersAdmin.detail.disabledAt", { date: formatDateTime(user.disabledAt, i18n.language) })}
            </>
          )}
        </dd>
      </div>
      <div>
        <dt>{t("usersAdmin.detail.createdAt")}</dt>
        <dd>{formatDateTime(user.createdAt, i18n.language)}</dd>
      </div>
    </dl>
  );
}
