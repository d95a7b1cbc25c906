import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../app/query-state";
import { formatCount, localeOf } from "../progress/format";
import { commitmentQueries } from "./queries";

type OrganisationBreakdownProps = { commitmentId: number; from: string; to: string; unit: string };

/** Who did how much in the window shown, largest first, with each one's share. */
export function OrganisationBreakdown({ commitmentId, from, to, unit }: OrganisationBreakdownProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const range = from <= to ? { from, to } : null;
  const breakdown = useQuery({ ...commitmentQueries.organisations(commitmentId, range ?? { from, to: from }), enabled: range !== null });
  const rows = breakdown.data?.organisations ?? [];
  const total = rows.reduce((sum, row) => sum + row.quantity, 0);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });

  return (
    <section aria-labelledby="organisations-heading" className="section">
      <h3 id="organisations-heading">{t("breakdown.heading")}</h3>
      <p className="page__note">{t("breakdown.intro", { from, to, unit })}</p>
      {range && <QueryState query={breakdown} loading={t("breakdown.loading")} error={t("breakdown.error")} />}
      {(range === null || (breakdown.isSuccess && rows.length === 0)) && <p className="state">{t("breakdown.empty")}</p>}
      {rows.length > 0 && (
        <table className="records breakdown">
          <caption className="visually-hidden">{t("breakdown.caption", { from, to, unit })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("breakdown.organisation")}</th>
              <th scope="col" className="numeric">
                {t("breakdown.quantity")}
              </th>
              <th scope="col" className="numeric">
                {t("breakdown.activities")}
              </th>
              <th scope="col">{t("breakdown.share")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.organisation ?? ""}>
                <th scope="row" data-label={t("breakdown.organisation")}>{row.organisation ?? t("breakdown.noOrganisation")}</th>
                <td className="numeric" data-label={t("breakdown.quantity")}>{formatCount(row.quantity, locale)}</td>
                <td className="numeric" data-label={t("breakdown.activities")}>{formatCount(row.activities, locale)}</td>
                <td data-label={t("breakdown.share")}>
                  <span className="share">
                    <span className="share__bar" aria-hidden="true">
                      <span style={{ width: `${total ? (100 * row.quantity) / total : 0}%` }} />
                    </span>
                    {percent.format(total ? row.quantity / total : 0)}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
