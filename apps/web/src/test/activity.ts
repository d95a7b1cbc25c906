import type { Activity } from "@lofteskollen/contracts";

/** An activity as the API answers it: a logged, counting one unless `extra` says otherwise. */
export const activityFixture = (extra: Partial<Activity> = {}): Activity => ({
  id: 1,
  commitmentId: 11,
  occurredAt: "2024-07-01",
  localDate: "2024-07-01",
  quantity: 1,
  organisation: "Fältenheten",
  place: null,
  note: null,
  loggedBy: "Frida Fältassistent",
  createdAt: "2024-07-01T18:00:00.000Z",
  demo: false,
  voidedAt: null,
  voidedBy: null,
  voidReason: null,
  replacesId: null,
  replacedById: null,
  ...extra,
});
