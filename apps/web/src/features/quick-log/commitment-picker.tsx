import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { type LoggableCommitment, matchesSearch } from "./loggable";

/** The commitments to log for, most recently used first, with a search when the list is long. */
export function CommitmentPicker({
  commitments,
  onPick,
}: {
  commitments: readonly LoggableCommitment[];
  onPick: (commitment: LoggableCommitment) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState("");
  const shown = commitments.filter((commitment) => matchesSearch(commitment, search));

  return (
    <section aria-labelledby={`${id}-heading`} className="section">
      <h3 id={`${id}-heading`}>{t("quickLog.pickHeading")}</h3>
      {commitments.length > 6 && (
        <div className="field">
          <label htmlFor={`${id}-search`}>{t("quickLog.search")}</label>
          <input id={`${id}-search`} type="search" value={search} onChange={(event) => setSearch(event.target.value)} autoComplete="off" />
        </div>
      )}
      {shown.length === 0 ? (
        <p className="state">{t(commitments.length === 0 ? "quickLog.nothingToLog" : "quickLog.noMatch")}</p>
      ) : (
        <ul className="pick-list" aria-label={t("quickLog.pickLabel")}>
          {shown.map((commitment) => (
            <li key={commitment.id}>
              <button type="button" className="pick" onClick={() => onPick(commitment)}>
                <span className="pick__title">{commitment.title}</span>
                <span className="pick__meta">
                  {commitment.theme ? `${commitment.theme} · ` : ""}
                  {commitment.promiseTitle}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
