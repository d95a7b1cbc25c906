import type { Activity, CorrectActivityInput } from "@lofteskollen/contracts";

/** The correction form's fields, as typed. */
export type CorrectionFields = { date: string; quantity: string; organisation: string; place: string; note: string };

/** The form, filled in with the activity as it stands. */
export function correctionFieldsOf(activity: Activity): CorrectionFields {
  return {
    date: activity.localDate,
    quantity: String(activity.quantity),
    organisation: activity.organisation ?? "",
    place: activity.place ?? "",
    note: activity.note ?? "",
  };
}

/**
 * What the correction changes: only the fields that differ from the original (the API copies the
 * rest), an emptied text as null. Empty when nothing changes — the API would refuse that (422).
 */
export function correctionChanges(activity: Activity, fields: CorrectionFields): CorrectActivityInput["activity"] {
  const changes: CorrectActivityInput["activity"] = {};
  if (fields.date !== activity.localDate) changes.occurredAt = fields.date;
  const quantity = Number(fields.quantity.trim());
  if (quantity !== activity.quantity) changes.quantity = quantity;
  const text = (value: string) => (value.trim() === "" ? null : value.trim());
  if (text(fields.organisation) !== activity.organisation) changes.organisation = text(fields.organisation);
  if (text(fields.place) !== activity.place) changes.place = text(fields.place);
  if (text(fields.note) !== activity.note) changes.note = text(fields.note);
  return changes;
}
