import { PRODUCT_TIME_ZONE } from "@lofteskollen/domain";
import { localeOf } from "../features/progress/format";

/**
 * An instant (ISO 8601, as the API sends it in UTC) as a person in Sweden reads a clock:
 * Europe/Stockholm, summer time included. "2026-07-01 12:00" in Swedish. Unreadable input is
 * shown as it came.
 */
export function formatDateTime(iso: string, language: string, { seconds = false }: { seconds?: boolean } = {}): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: PRODUCT_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    ...(seconds ? { second: "2-digit" } : {}),
  }).format(instant);
}
