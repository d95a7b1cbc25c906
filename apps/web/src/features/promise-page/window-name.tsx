import { useTranslation } from "react-i18next";
import { type Cadence, localeOf, windowLabel } from "../progress/format";
import type { ChosenWindow } from "../time-travel/chosen-window";

/** "under 2026 hittills", "under ht 2025", "under hela perioden" (`sofar: false` leaves "hittills" to the figures). */
export function WindowName({ chosen, cadence, sofar = true }: { chosen: ChosenWindow; cadence: Cadence; sofar?: boolean }) {
  const { t, i18n } = useTranslation();
  const name = chosen.kind === "period" ? t("window.period") : windowLabel(cadence, chosen.window, t, localeOf(i18n.language));
  const window = chosen.window;
  return (
    <>
      {t("progress.during", { window: name })}
      {sofar && chosen.isRunning && window.elapsedDays < window.coveredDays && ` ${t("progress.sofar")}`}
    </>
  );
}
