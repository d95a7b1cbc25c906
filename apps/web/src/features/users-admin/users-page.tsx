import type { User } from "@lofteskollen/contracts";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { userPath } from "../../app/paths";
import { QueryState } from "../../app/query-state";
import { NewUserForm } from "./new-user-form";
import { usersAdminQueries } from "./queries";

/** `/anvandare` (admins): every user with role, organisations and status, and a form to add one. */
export function UsersPage() {
  const { t } = useTranslation();
  const users = useQuery(usersAdminQueries.list());
  return (
    <div className="page-stack">
      <title>{t("app.pageTitle", { page: t("usersAdmin.heading") })}</title>
      <section className="panel page" aria-labelledby="users-heading">
        <h2 id="users-heading">{t("usersAdmin.heading")}</h2>
        <p className="page__intro">{t("usersAdmin.intro")}</p>
        <QueryState query={users} loading={t("usersAdmin.loading")} error={t("usersAdmin.error")} />
        {users.isSuccess && <UserTable users={users.data} />}
      </section>
      <section className="panel page" aria-label={t("usersAdmin.create.heading")}>
        <NewUserForm />
      </section>
    </div>
  );
}

function UserTable({ users }: { users: readonly User[] }) {
  const { t } = useTranslation();
  const columns = {
    name: t("usersAdmin.columns.name"),
    email: t("usersAdmin.columns.email"),
    role: t("usersAdmin.columns.role"),
    organisations: t("usersAdmin.columns.organisations"),
    status: t("usersAdmin.columns.status"),
  };
  return (
    <table className="records users-table">
      <caption className="visually-hidden">{t("usersAdmin.tableCaption", { count: users.length })}</caption>
      <thead>
        <tr>
          <th scope="col">{columns.name}</th>
          <th scope="col">{columns.email}</th>
          <th scope="col">{columns.role}</th>
          <th scope="col">{columns.organisations}</th>
          <th scope="col">{columns.status}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id} className={user.disabledAt ? "records__row--muted" : undefined}>
            {/* One element per cell: on a phone the cell is a grid of its label and its value. */}
            <th scope="row" data-label={columns.name}>
              <div>
                <Link className="text-link" to={userPath(user.id)}>
                  {user.name}
                </Link>
              </div>
            </th>
            <td data-label={columns.email}>
              <div className="users-table__email">
                <EmailAddress email={user.email} />
              </div>
            </td>
            <td data-label={columns.role}>
              <div>{t(`usersAdmin.roles.${user.role}`)}</div>
            </td>
            <td data-label={columns.organisations}>
              <div>{user.organisations.length > 0 ? user.organisations.join(", ") : t("usersAdmin.noneChosen")}</div>
            </td>
            <td data-label={columns.status}>
              <div>
                <UserStatus user={user} />
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An email address that, when it must, wraps after the @ rather than anywhere. */
export function EmailAddress({ email }: { email: string }) {
  const at = email.lastIndexOf("@");
  if (at < 0) return email;
  return (
    <>
      {email.slice(0, at + 1)}
      <wbr />
      {email.slice(at + 1)}
    </>
  );
}

/** Active or disabled: in words and with an icon, never by colour alone. */
export function UserStatus({ user }: { user: Pick<User, "disabledAt"> }) {
  const { t } = useTranslation();
  return user.disabledAt ? (
    <span className="tag tag--ended">
      <span aria-hidden="true">✗&nbsp;</span>
      {t("usersAdmin.status.disabled")}
    </span>
  ) : (
    <span className="tag tag--ongoing">
      <span aria-hidden="true">✓&nbsp;</span>
      {t("usersAdmin.status.active")}
    </span>
  );
}
