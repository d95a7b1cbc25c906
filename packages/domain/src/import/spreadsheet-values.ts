import { dayNumberOf, daysInMonth, fromDayNumber, type LocalDate, localDateOfOccurredAt, parseInstant, stockholmTimestamp } from "../calendar/local-date";

/**
 * One cell of an imported spreadsheet: text from a CSV file; text, a number, a boolean or a date
 * from an .xlsx file; null when empty.
 */
export type SpreadsheetCell = string | number | boolean | Date | null;

/** A value read from a cell, or why it could not be read (a message a coordinator understands). */
export type CellReading<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const fail = (code: string, message: string): CellReading<never> => ({ ok: false, code, message });

/** A cell as text, trimmed: what a spreadsheet shows (a date cell as ÅÅÅÅ-MM-DD). Empty: "". */
export function cellText(cell: SpreadsheetCell): string {
  if (cell === null) return "";
  if (typeof cell === "string") return cell.trim();
  if (cell instanceof Date) {
    const { date, hour, minute } = wallClockOfDateCell(cell);
    return hour === 0 && minute === 0 ? date : `${date} ${pad2(hour)}:${pad2(minute)}`;
  }
  return String(cell);
}

/** A free-text cell (organisation, place, note): trimmed, empty as null. */
export function cellTextOrNull(cell: SpreadsheetCell): string | null {
  const text = cellText(cell);
  return text === "" ? null : text;
}

const pad2 = (value: number) => String(value).padStart(2, "0");

// Year first, as Swedish Excel writes dates (ÅÅÅÅ-MM-DD), optionally with a time.
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:(?:[ T]|, ?)(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?)?$/;
// Day first (European): 14.3.2024, 14/03/2024, 14-03-2024, optionally with a time.
const DAY_FIRST = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:(?: |, ?)(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?$/;
// A two-digit year is ambiguous (24 → 1924 or 2024?): refused with its own message.
const SHORT_YEAR = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2})(?:\D.*)?$|^(\d{2})-(\d{1,2})-(\d{1,2})$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** The day Excel's serial number 0 stands for (1899-12-30; serials from 61 on are exact). */
const EXCEL_EPOCH_DAY = dayNumberOf(1899, 12, 30);
/** Excel's last date, 9999-12-31. */
const EXCEL_MAX_SERIAL = 2_958_465;

export type ImportDate = { occurredAt: string; localDate: LocalDate };

/**
 * When an imported activity happened. Accepts what spreadsheets write: Swedish ÅÅÅÅ-MM-DD
 * (with or without a time, "2024-03-14 18:30"), European day-first dates (14.3.2024,
 * 14/03/2024), ÅÅÅÅMMDD, ISO 8601 timestamps with an offset, and from .xlsx files date cells and
 * date serial numbers. A wall-clock time is Stockholm's. A time of 00:00 means the whole day.
 */
export function readImportDate(cell: SpreadsheetCell): CellReading<ImportDate> {
  if (cell === null || (typeof cell === "string" && cell.trim() === "")) {
    return fail("date_missing", "Datum saknas. Skriv när aktiviteten genomfördes, t.ex. 2024-03-14.");
  }
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return unreadableDate(String(cell));
    const { date, hour, minute } = wallClockOfDateCell(cell);
    return fromParts(date, hour, minute, 0);
  }
  if (typeof cell === "number") return readSerialDate(cell);
  if (typeof cell === "boolean") return unreadableDate(String(cell));

  const text = cell.trim();
  if (text.includes("T") && /[zZ]$|[+-]\d{2}:?\d{2}$/.test(text)) {
    const instant = parseInstant(text);
    const localDate = instant ? localDateOfOccurredAt(text) : null;
    return localDate ? { ok: true, value: { occurredAt: text, localDate } } : unreadableDate(text);
  }
  let match = YEAR_FIRST.exec(text);
  if (match) return fromText(text, match[1], match[2], match[3], match[4], match[5], match[6]);
  match = DAY_FIRST.exec(text);
  if (match) return fromText(text, match[3], match[2], match[1], match[4], match[5], match[6]);
  match = COMPACT.exec(text);
  if (match) return fromText(text, match[1], match[2], match[3]);
  if (SHORT_YEAR.test(text)) {
    return fail("date_unreadable", `Datumet ”${text}” har bara två siffror för året. Skriv hela året, t.ex. 2024-03-14.`);
  }
  return unreadableDate(text);
}

function unreadableDate(text: string): CellReading<never> {
  return fail(
    "date_unreadable",
    `Datumet ”${text}” går inte att läsa. Skriv det som ÅÅÅÅ-MM-DD (t.ex. 2024-03-14), gärna med tid (2024-03-14 18:30).`,
  );
}

function fromText(
  text: string,
  year: string | undefined,
  month: string | undefined,
  day: string | undefined,
  hour?: string,
  minute?: string,
  second?: string,
): CellReading<ImportDate> {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return fail("date_unreadable", `Datumet ”${text}” finns inte i kalendern.`);
  }
  const h = hour === undefined ? 0 : Number(hour);
  const mi = minute === undefined ? 0 : Number(minute);
  const s = second === undefined ? 0 : Number(second);
  if (h > 23 || mi > 59 || s > 59) return fail("date_unreadable", `Datumet ”${text}” har ett klockslag som inte finns.`);
  return fromParts(fromDayNumber(dayNumberOf(y, m, d)), h, mi, s);
}

function fromParts(date: LocalDate, hour: number, minute: number, second: number): CellReading<ImportDate> {
  // Midnight is how a spreadsheet shows a date without a time: the whole local day.
  if (hour === 0 && minute === 0 && second === 0) return { ok: true, value: { occurredAt: date, localDate: date } };
  return { ok: true, value: { occurredAt: stockholmTimestamp(date, hour, minute, second), localDate: date } };
}

/** An .xlsx date serial: days since 1899-12-30, the fraction the time of day. */
function readSerialDate(serial: number): CellReading<ImportDate> {
  if (!Number.isFinite(serial) || serial < 1 || serial > EXCEL_MAX_SERIAL) {
    return fail("date_unreadable", `Datumcellen innehåller talet ${String(serial).replace(".", ",")}, inte ett datum.`);
  }
  const minutes = Math.round(serial * 24 * 60);
  const days = Math.floor(minutes / (24 * 60));
  const minuteOfDay = minutes - days * 24 * 60;
  return fromParts(fromDayNumber(EXCEL_EPOCH_DAY + days), Math.floor(minuteOfDay / 60), minuteOfDay % 60, 0);
}

/**
 * An .xlsx date cell holds a wall-clock time with no time zone; readers hand it over as the UTC
 * instant with the same digits. Rounded to the minute: the serial's binary fraction makes 18:30
 * come out as 18:29:59.999.
 */
function wallClockOfDateCell(cell: Date): { date: LocalDate; hour: number; minute: number } {
  const rounded = new Date(Math.round(cell.getTime() / 60_000) * 60_000);
  const date = rounded.toISOString().slice(0, 10);
  return { date, hour: rounded.getUTCHours(), minute: rounded.getUTCMinutes() };
}

// "3", "1 000", "2,0", "2.00": digits with optional space thousands separators and a fraction.
const NUMBER_TEXT = /^([+-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?$/;

/**
 * How many: a whole number as a spreadsheet writes it ("3", "1 000", "2,0" → 2). An empty cell is
 * 1, as when logging one activity. "2,5" is refused: activities are counted, not measured.
 * The range 1–10 000 is the activity rule's to check (activityRuleViolations).
 */
export function readImportQuantity(cell: SpreadsheetCell): CellReading<number> {
  if (cell === null) return { ok: true, value: 1 };
  if (typeof cell === "number") {
    return Number.isInteger(cell) ? { ok: true, value: cell } : notWhole(String(cell).replace(".", ","));
  }
  if (typeof cell !== "string") {
    return fail("quantity_unreadable", `Antalet ”${cellText(cell)}” går inte att läsa. Skriv ett heltal, t.ex. 3.`);
  }
  const text = cell.trim();
  if (text === "") return { ok: true, value: 1 };
  const match = NUMBER_TEXT.exec(text);
  if (!match) return fail("quantity_unreadable", `Antalet ”${text}” går inte att läsa. Skriv ett heltal, t.ex. 3.`);
  const [, sign, whole = "", fraction = ""] = match;
  if (/[1-9]/.test(fraction)) return notWhole(text);
  const value = Number(whole.replace(/\D/g, ""));
  return { ok: true, value: sign === "-" ? -value : value };
}

function notWhole(text: string): CellReading<never> {
  return fail("quantity_not_whole", `Antalet måste vara ett heltal (var ${text}). Aktiviteter räknas i hela tal.`);
}
