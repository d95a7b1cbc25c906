import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PATHS } from "./paths";

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <section className="panel page" aria-labelledby="not-found-heading">
      <title>{t("app.pageTitle", { page: t("notFound.heading") })}</title>
      <h2 id="not-found-heading">{t("notFound.heading")}</h2>
      <p>{t("notFound.text")}</p>
      <p>
        <Link className="text-link" to={PATHS.overview}>
          {t("notFound.home")}
        </Link>
      </p>
    </section>
  );
}
