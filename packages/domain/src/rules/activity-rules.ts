import {
  type LocalDate,
  localDateOfOccurredAt,
  parseInstant,
  todayInStockholm,
} from "../calendar/local-date";
import { containsPersonalIdentityNumber } from "../privacy/personal-identity-number";
import type { Period } from "../progress/types";

/** A broken rule of the domain: which field, a stable code, and a message a coordinator understands. */
export type RuleViolation = { path: string; code: string; message: string };

export const QUANTITY_RANGE = { min: 1, max: 10_000 } as const;

/** How far ahead of the server's clock a timestamp may be (clock skew of a phone). */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export type ActivityRuleInput = {
  occurredAt: string;
  quantity: number;
  period: Period;
  promiseStatus: "draft" | "published" | "archived";
  now: Date;
  /** The local date of occurredAt, when the caller has computed it already. */
  localDate?: LocalDate | null;
};

/** SPEC §4 (422 rules) for one activity; an empty list means the activity may be stored. */
export function activityRuleViolations(input: ActivityRuleInput): RuleViolation[] {
  const violations: RuleViolation[] = [];

  if (
    !Number.isInteger(input.quantity) ||
    input.quantity < QUANTITY_RANGE.min ||
    input.quantity > QUANTITY_RANGE.max
  ) {
    violations.push({
      path: "quantity",
      code: "quantity_out_of_range",
      message: `Antalet måste vara mellan ${QUANTITY_RANGE.min} och 10 000 (var ${input.quantity}).`,
    });
  }

  if (input.promiseStatus === "archived") {
    violations.push({
      path: "commitmentId",
      code: "promise_archived",
      message: "Medborgarlöftet är arkiverat: nya aktiviteter kan inte registreras på det.",
    });
  }

  const localDate = input.localDate ?? localDateOfOccurredAt(input.occurredAt);
  if (localDate === null) return violations; // the shape check (400) reports this one
  if (isInFuture(input.occurredAt, localDate, input.now)) {
    violations.push({
      path: "occurredAt",
      code: "in_future",
      message: `Aktiviteten kan inte registreras i förväg: ${input.occurredAt} har inte hänt än.`,
    });
  } else if (localDate < input.period.start || localDate > input.period.end) {
    violations.push({
      path: "occurredAt",
      code: "outside_period",
      message: `Datumet ${localDate} ligger utanför löftets period ${input.period.start} – ${input.period.end}.`,
    });
  }
  return violations;
}

function isInFuture(occurredAt: string, localDate: LocalDate, now: Date): boolean {
  const instant = parseInstant(occurredAt);
  if (instant) return instant.getTime() > now.getTime() + FUTURE_TOLERANCE_MS;
  // A plain date is the whole local day: it is in the future once it is after today.
  return localDate > todayAt(now);
}

// A batch checks thousands of rows against one clock reading; formatting it once is enough.
let lastToday = { time: Number.NaN, today: "" };
function todayAt(now: Date): LocalDate {
  if (lastToday.time !== now.getTime()) lastToday = { time: now.getTime(), today: todayInStockholm(now) };
  return lastToday.today;
}

/**
 * SPEC §5: no personal identity numbers in free text. `fields` pairs a field path with its text.
 * (Pairs rather than an object keyed by path: a batch would build thousands of one-off shapes.)
 */
export function personalDataViolations(
  fields: readonly (readonly [path: string, text: string | null | undefined])[],
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const [path, text] of fields) {
    if (text && containsPersonalIdentityNumber(text)) {
      violations.push({
        path,
        code: "personal_data",
        message:
          "Texten innehåller ett personnummer eller samordningsnummer. Löfteskollen sparar inga personuppgifter – ta bort numret och skriv utan att peka ut en person.",
      });
    }
  }
  return violations;
}
