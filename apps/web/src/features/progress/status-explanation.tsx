import { useTranslation } from "react-i18next";
import { STATUS_ORDER, statusLook } from "./format";

/** "Vad betyder statusen?": every status with its icon and what it means, folded away until asked for. */
export function StatusExplanation() {
  const { t } = useTranslation();
  return (
    <details className="explain">
      <summary>{t("progress.explainHeading")}</summary>
      <dl>
        {STATUS_ORDER.map((status) => (
          <div key={status} className="explain__row">
            <dt>
              <span aria-hidden="true">{statusLook(status).icon}</span> {t(statusLook(status).labelKey)}
            </dt>
            <dd>{t(`progress.explain.${status}`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
