import type { Translate } from "../progress/format";
import type { Bucket } from "./series";

/**
 * Tooltip text in the page's text colour: Recharts colours each row like its line, and the lighter
 * line colours are too faint for text (WCAG contrast); the legend still ties rows to lines.
 */
export const TOOLTIP_ITEM_STYLE = { color: "var(--color-text)" } as const;
export const TOOLTIP_LABEL_STYLE = { color: "var(--color-text)", fontWeight: 600 } as const;

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/**
 * An axis tick: "27 feb." within a year (the year is in the chart's heading and tooltip), "okt. 2026"
 * on an axis longer than a year, where the day matters less than which year.
 */
export function formatAxisDate(date: string, locale: string, { longRange = false }: { longRange?: boolean } = {}): string {
  const options: Intl.DateTimeFormatOptions = longRange ? { month: "short", year: "numeric" } : { day: "numeric", month: "short" };
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(utc(date));
}

/** A tooltip's date: "27 februari 2024". */
export function formatTooltipDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(utc(date));
}

/** A bar's name: "v. 12" for a week, "mar 2024" for a month. */
export function bucketLabel(bucket: Bucket, locale: string, t: Translate): string {
  if (bucket.unit === "week") return t("charts.week", { week: bucket.number });
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(utc(bucket.start));
}
