import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { QueryState } from "../../app/query-state";
import { AuditFilterForm } from "./audit-filter-form";
import { auditFiltersFromSearchParams, auditFiltersToSearchParams } from "./audit-filters";
import { AuditTable } from "./audit-table";
import { auditQueries } from "./queries";

/** The audit trail (admins): every change, sign-in and refusal, filtered through the address. */
export function AuditPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = auditFiltersFromSearchParams(searchParams);
  const audit = useInfiniteQuery(auditQueries.list(filters));
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="panel page" aria-labelledby="audit-heading">
      <title>{t("app.pageTitle", { page: t("audit.heading") })}</title>
      <h2 id="audit-heading">{t("audit.heading")}</h2>
      <p className="page__intro">{t("audit.intro")}</p>
      {/* Keyed by the address: back and forward show the filters of the events shown. */}
      <AuditFilterForm
        key={auditFiltersToSearchParams(filters).toString()}
        filters={filters}
        onChange={(next) => setSearchParams(auditFiltersToSearchParams(next))}
      />
      <QueryState query={audit} loading={t("audit.loading")} error={t("audit.error")} />
      {audit.isSuccess && (
        <>
          {entries.length === 0 ? (
            <p className="state">{t("audit.empty")}</p>
          ) : (
            <AuditTable entries={entries} />
          )}
          <div className="more">
            <p className="more__count" aria-live="polite">
              {entries.length > 0 && t("audit.shown", { count: entries.length })}{" "}
              {entries.length > 0 && !audit.hasNextPage && t("audit.allShown")}
            </p>
            {audit.hasNextPage && (
              <button
                type="button"
                className="button"
                disabled={audit.isFetchingNextPage}
                onClick={() => void audit.fetchNextPage()}
              >
                {audit.isFetchingNextPage ? t("audit.loadingMore") : t("audit.more")}
              </button>
            )}
            {audit.isFetchNextPageError && (
              <p className="state state--error" role="alert">
                {t("audit.error")}
              </p>
            )}
          </div>
        </>
      )}
    </section>
  );
}
