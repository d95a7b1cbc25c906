import { useTranslation } from "react-i18next";
import { type Status, statusLook } from "./format";

/** A status as icon and text; the colour only repeats what the words say. */
export function StatusBadge({ status }: { status: Status }) {
  const { t } = useTranslation();
  const look = statusLook(status);
  return (
    <span className={`status status--${look.tone}`} data-status={status}>
      <span className="status__icon" aria-hidden="true">
        {look.icon}
      </span>
      {t(look.labelKey)}
    </span>
  );
}
