import type { PromiseDetail } from "@lofteskollen/contracts";
import { can } from "@lofteskollen/domain";
import { useTranslation } from "react-i18next";
import { publicPaths } from "../../app/paths";
import { useSignedInUser } from "../auth/signed-in-user";
import { PublishControl } from "./publish-control";
import { SnapshotForm } from "./snapshot-form";

/**
 * "Publicering" on the promise page, for those who may change the promise (managers and admins,
 * as the API allows): its status, publish / unpublish, the public pages and frozen snapshots.
 */
export function PublishingPanel({ promise }: { promise: PromiseDetail }) {
  const { t } = useTranslation();
  const user = useSignedInUser();
  if (!can(user, "promise.write")) return null;
  const published = promise.status === "published";

  return (
    <section className="section publishing" aria-labelledby="publishing-heading">
      <h3 id="publishing-heading">{t("publishing.heading")}</h3>
      <p className="field__hint">{t("publishing.intro")}</p>
      <PublishControl promise={promise} />
      {published ? (
        <>
          <PublicLinks slug={promise.slug} />
          <SnapshotForm promise={promise} />
        </>
      ) : (
        <p className="page__note">{t("publishing.notPublishedHint")}</p>
      )}
    </section>
  );
}

/** The API's own pages (not the app's routes): plain links, each in a new tab. */
function PublicLinks({ slug }: { slug: string }) {
  const { t } = useTranslation();
  const links = [
    { href: publicPaths.page(slug), label: t("publishing.viewPublic") },
    { href: publicPaths.presentation(slug), label: t("publishing.presentation") },
    { href: publicPaths.print(slug), label: t("publishing.print") },
  ];
  return (
    <ul className="publishing__links" aria-label={t("publishing.linksLabel")}>
      {links.map((link) => (
        <li key={link.href}>
          <a className="button button--secondary" href={link.href} target="_blank" rel="noopener">
            {link.label}
            <span className="visually-hidden"> {t("publishing.newTab")}</span>
            <span aria-hidden="true">&nbsp;↗</span>
          </a>
        </li>
      ))}
    </ul>
  );
}
