import { type Permission, can } from "@lofteskollen/domain";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PATHS } from "../../app/paths";
import { useSignedInUser } from "./signed-in-user";

/**
 * A page only some roles may use (the role table of `@lofteskollen/domain`). Someone else who
 * types its address is told so in words; the API refuses them as well.
 */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  if (can(user, permission)) return children;
  return (
    <section className="panel page" aria-labelledby="forbidden-heading">
      <title>{t("app.pageTitle", { page: t("forbidden.heading") })}</title>
      <h2 id="forbidden-heading">{t("forbidden.heading")}</h2>
      <p>{t("forbidden.text")}</p>
      <p>
        <Link className="text-link" to={PATHS.overview}>
          {t("forbidden.home")}
        </Link>
      </p>
    </section>
  );
}
