import type { PromiseSummary } from "@lofteskollen/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { STATUS_ORDER, statusLook } from "../progress/format";
import { areasOf, readOverviewFilters, writeOverviewFilters } from "./overview-model";

/** Narrow the overview to an area, or to promises with a commitment of some status; kept in the address. */
export function OverviewFilters({ promises }: { promises: readonly PromiseSummary[] }) {
  const { t } = useTranslation();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const filters = readOverviewFilters(params);

  return (
    <form className="filters filters--inline" aria-label={t("overview.filtersLabel")} onSubmit={(event) => event.preventDefault()}>
      <div className="field field--inline">
        <label htmlFor={`${id}-area`}>{t("overview.area")}</label>
        <select
          id={`${id}-area`}
          value={filters.area ?? ""}
          onChange={(event) => setParams((current) => writeOverviewFilters(current, { ...filters, area: event.target.value || null }))}
        >
          <option value="">{t("overview.anyArea")}</option>
          {areasOf(promises).map((area) => (
            <option key={area} value={area}>
              {area}
            </option>
          ))}
        </select>
      </div>
      <div className="field field--inline">
        <label htmlFor={`${id}-status`}>{t("overview.status")}</label>
        <select
          id={`${id}-status`}
          value={filters.status ?? ""}
          onChange={(event) =>
            setParams((current) =>
              writeOverviewFilters(current, {
                ...filters,
                status: STATUS_ORDER.find((status) => status === event.target.value) ?? null,
              }),
            )
          }
        >
          <option value="">{t("overview.anyStatus")}</option>
          {STATUS_ORDER.map((status) => (
            <option key={status} value={status}>
              {t(statusLook(status).labelKey)}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
