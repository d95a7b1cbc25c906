import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, Outlet } from "react-router";
import { authQueries } from "../features/auth/queries";
import { OfflineSync } from "../features/offline/offline-sync";
import { PATHS } from "./paths";
import { SessionBar } from "./session-bar";

/** The frame of every page: header (with who is signed in), the page, footer. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const nextLanguage = i18n.language === "en" ? "sv" : "en";
  const me = useQuery(authQueries.me());

  return (
    <>
      <a className="skip-link" href="#content">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <div>
            <h1 className="site-header__title">
              <Link to={PATHS.overview}>{t("app.name")}</Link>
            </h1>
            <p className="site-header__tagline">{t("app.tagline")}</p>
          </div>
          <button
            type="button"
            className="button button--quiet"
            lang={nextLanguage}
            aria-label={t("app.switchLanguageLabel")}
            onClick={() => void i18n.changeLanguage(nextLanguage)}
          >
            {t("app.switchLanguage")}
          </button>
        </div>
        {me.data && <SessionBar user={me.data} />}
        {me.data && <OfflineSync userId={me.data.id} />}
      </header>
      <main id="content" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
