import { useTranslation } from "react-i18next";
import { StartPage } from "../features/promises/start-page";
import { todayInStockholm } from "@lofteskollen/domain";

export function App() {
  const { t, i18n } = useTranslation();
  const nextLanguage = i18n.language === "en" ? "sv" : "en";
  const today = todayInStockholm();

  return (
    <>
      <a className="skip-link" href="#content">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <div>
            <h1 className="site-header__title">{t("app.name")}</h1>
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
      </header>
      <main id="content" tabIndex={-1}>
        <StartPage today={today} />
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}
