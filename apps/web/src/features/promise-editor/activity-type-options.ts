import type { ActivityType } from "../../api/endpoints";

type Option = { value: string; label: string };

/**
 * The activity types a commitment's select offers: the active ones, and an archived one only to
 * a commitment that has it (as saved, or as chosen now) — it keeps its type, new ones cannot take
 * it. A code the list does not know (yet) stays choosable rather than silently lost.
 */
export function activityTypeOptions(
  types: readonly Pick<ActivityType, "code" | "label" | "archived">[] | undefined,
  has: readonly string[],
  archivedLabel: (label: string) => string,
): Option[] {
  const options = (types ?? [])
    .filter((type) => !type.archived || has.includes(type.code))
    .map((type) => ({ value: type.code, label: type.archived ? archivedLabel(type.label) : type.label }));
  const unknown = [...new Set(has)].filter((code) => code && !types?.some((type) => type.code === code));
  return [...options, ...unknown.map((code) => ({ value: code, label: code }))];
}
