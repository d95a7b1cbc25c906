import type { CurrentUser } from "@lofteskollen/contracts";
import { can } from "@lofteskollen/domain";
import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { SignOutButton } from "../features/auth/sign-out-button";
import { localeOf } from "../features/progress/format";
import { PATHS } from "./paths";

/** Who is signed in, as what, and the pages their role may use (the role table decides). */
export function SessionBar({ user }: { user: CurrentUser }) {
  const { t, i18n } = useTranslation();
  const role = t(`roles.${user.role}`);
  const organisations = new Intl.ListFormat(localeOf(i18n.language), { type: "conjunction" }).format(user.organisations);

  return (
    <div className="session-bar">
      <div className="session-bar__inner">
        <nav aria-label={t("nav.label")}>
          <ul className="nav">
            <li>
              <NavLink className="nav__link" to={PATHS.overview} end>
                {t("nav.overview")}
              </NavLink>
            </li>
            {can(user, "activity.log") && (
              <li>
                <NavLink className="nav__link" to={PATHS.quickLog}>
                  {t("nav.quickLog")}
                </NavLink>
              </li>
            )}
            {can(user, "audit.read") && (
              <li>
                <NavLink className="nav__link" to={PATHS.audit}>
                  {t("nav.audit")}
                </NavLink>
              </li>
            )}
            {can(user, "term.write") && (
              <li>
                <NavLink className="nav__link" to={PATHS.terms}>
                  {t("nav.terms")}
                </NavLink>
              </li>
            )}
            {can(user, "promise.write") && (
              <li>
                <NavLink className="nav__link" to={PATHS.referenceLists}>
                  {t("nav.referenceLists")}
                </NavLink>
              </li>
            )}
            {can(user, "user.manage") && (
              <li>
                <NavLink className="nav__link" to={PATHS.users}>
                  {t("usersAdmin.nav")}
                </NavLink>
              </li>
            )}
            <li>
              <NavLink className="nav__link" to={PATHS.tokens}>
                {t("nav.tokens")}
              </NavLink>
            </li>
          </ul>
        </nav>
        <section className="session" aria-label={t("session.label")}>
          <p className="session__who">
            <span className="session__name">{user.name}</span>
            <span className="session__role">
              {user.organisations.length > 0 ? t("session.roleFor", { role, organisations }) : role}
            </span>
          </p>
          <SignOutButton />
        </section>
      </div>
    </div>
  );
}
