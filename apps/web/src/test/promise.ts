import type { Commitment, PromiseDetail } from "@lofteskollen/contracts";

/** A published promise as the API answers it: Nordost, open far into the future, unless `extra` says otherwise. */
export const promiseFixture = (extra: Partial<PromiseDetail> = {}): PromiseDetail => ({
  id: 1,
  slug: "nordost",
  title: "Nordost",
  area: "Nordost",
  startDate: "2020-01-01",
  endDate: "2099-12-31",
  status: "published",
  example: false,
  areaParent: null,
  predecessorId: null,
  successorId: null,
  summary: null,
  contact: null,
  themes: [],
  commitments: [],
  ...extra,
});

/** A commitment of promise 1: yearly outreach for Fältenheten, unless `extra` says otherwise. */
export const commitmentFixture = (extra: Partial<Commitment> = {}): Commitment => ({
  id: 11,
  promiseId: 1,
  title: "Uppsökande arbete",
  description: null,
  theme: null,
  activityType: "outreach",
  unit: "tillfällen",
  target: 200,
  cadence: "year",
  organisations: ["Fältenheten"],
  ...extra,
});
