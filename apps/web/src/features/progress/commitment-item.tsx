import type { CommitmentProgress } from "@lofteskollen/contracts";
import { Trans, useTranslation } from "react-i18next";
import {
  displayWindow,
  formatCount,
  formatPerWeek,
  formatTarget,
  localeOf,
  remainingToTarget,
  roundTargetUp,
  statusLook,
  windowLabel,
} from "./format";
import { ProgressBar } from "./progress-bar";
import { StatusBadge } from "./status-badge";

type CommitmentItemProps = { commitment: CommitmentProgress; asOf: string };

export function CommitmentItem({ commitment, asOf }: CommitmentItemProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const window = displayWindow(commitment, asOf);
  const look = statusLook(commitment.status);
  const headingId = `commitment-${commitment.commitmentId}`;

  return (
    <li className={`commitment commitment--${look.tone}`} aria-labelledby={headingId}>
      <div className="commitment__head">
        <h3 id={headingId} className="commitment__title">
          {commitment.title}
        </h3>
        <StatusBadge status={commitment.status} />
      </div>
      {window && (
        <>
          <p className="commitment__figures">
            {window.target === null ? (
              <Trans
                i18nKey="progress.actualOnly"
                values={{ actual: formatCount(window.actual, locale), unit: commitment.unit }}
                components={{ strong: <strong /> }}
              />
            ) : (
              <Trans
                i18nKey="progress.actualOfTarget"
                values={{
                  actual: formatCount(window.actual, locale),
                  target: formatTarget(window.target, locale),
                  unit: commitment.unit,
                }}
                components={{ strong: <strong /> }}
              />
            )}{" "}
            <span className="commitment__window">
              {t("progress.during", { window: windowLabel(commitment.cadence, window, t, locale) })}
              {window === commitment.current && window.elapsedDays < window.coveredDays && ` ${t("progress.sofar")}`}
            </span>
          </p>
          {window.target !== null && (
            <ProgressBar
              actual={window.actual}
              target={roundTargetUp(window.target)}
              expected={window === commitment.current ? window.expectedToDate : null}
              tone={look.tone}
              label={t("progress.barLabel", {
                percent: formatCount(Math.min(999, (100 * window.actual) / roundTargetUp(window.target)), locale),
              })}
            />
          )}
          <CommitmentNote commitment={commitment} asOf={asOf} />
        </>
      )}
    </li>
  );
}

function CommitmentNote({ commitment, asOf }: CommitmentItemProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const window = displayWindow(commitment, asOf);
  if (!window) return null;

  if (window.target === null) return <p className="commitment__note">{t("progress.noTarget")}</p>;
  if (commitment.status === "met") return <p className="commitment__note">{t("progress.reached")}</p>;
  if (commitment.status === "upcoming") return <p className="commitment__note">{t("progress.startsOn", { date: window.start })}</p>;

  const remaining = remainingToTarget(window);
  const expected = window === commitment.current ? window.expectedToDate : null;
  const needed = remaining !== null && remaining > 0 ? window.neededPerWeek : null;
  if (expected === null && needed === null) return null;
  return (
    <div className="commitment__note">
      {expected !== null && <p>{t("progress.expected", { expected: formatTarget(expected, locale) })}</p>}
      {needed !== null && (
        <p>
          {t("progress.remaining", { remaining: formatCount(remaining ?? 0, locale), unit: commitment.unit })} –{" "}
          {t("progress.neededPerWeek", { value: formatPerWeek(needed, locale) })}.
        </p>
      )}
    </div>
  );
}
