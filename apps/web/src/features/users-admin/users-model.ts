import type { Organisation } from "@lofteskollen/contracts";
import type { Role } from "@lofteskollen/domain";
import { apiProblemsOf } from "../promise-editor/api-problems";

/** The roles in the order a form offers them: the everyday ones first, admin last. */
export const ROLE_CHOICES = ["coordinator", "manager", "viewer", "admin"] as const satisfies readonly Role[];

/**
 * What the API refused, by form field: `organisations.3` (one organisation of the list) is shown
 * at the organisations group as a whole.
 */
export function userProblemsOf(error: unknown): Record<string, string> {
  return apiProblemsOf(error, (path) => (path.startsWith("organisations.") ? "organisations" : path));
}

export type OrganisationChoice = { name: string; archived: boolean };

/**
 * The organisations a user can be given: every one not archived, plus the archived ones the user
 * already has (kept until unticked; the API refuses to add an archived one). Swedish order.
 */
export function organisationChoices(all: readonly Organisation[], current: readonly string[] = []): OrganisationChoice[] {
  return all
    .filter((organisation) => !organisation.archived || current.includes(organisation.name))
    .map((organisation) => ({ name: organisation.name, archived: organisation.archived }))
    .sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

/** `list` with `name` ticked or unticked, in the order of `order` (the choices' order). */
export function toggled(list: readonly string[], name: string, on: boolean, order: readonly string[]): string[] {
  const next = new Set(list);
  if (on) next.add(name);
  else next.delete(name);
  return order.filter((item) => next.has(item)).concat([...next].filter((item) => !order.includes(item)));
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "Mac"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

/**
 * A browser's User-Agent as a person names it: "Chrome, Windows". Null when neither is
 * recognised (a script, curl): the page then shows the text itself.
 */
export function describeUserAgent(userAgent: string | null): { browser: string | null; system: string | null } | null {
  if (!userAgent) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
  return browser || system ? { browser, system } : null;
}
