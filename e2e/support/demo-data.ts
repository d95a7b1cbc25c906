import type { Page } from "@playwright/test";
import { getJson } from "./api";

/** An activity as the API lists it (the fields the browser tests look at). */
export type ListedActivity = {
  id: number;
  localDate: string;
  quantity: number;
  place: string | null;
  voidedAt: string | null;
  voidReason: string | null;
  replacesId: number | null;
  replacedById: number | null;
};
export type ActivityPage = { items: ListedActivity[] };
type PromiseDetail = { id: number; commitments: { id: number; title: string; organisations: string[] }[] };

/**
 * The demo example's outreach commitment, which the demo coordinator (Fältenheten) logs for,
 * with its promise's id.
 */
export async function outreachCommitment(page: Page) {
  const promises = await getJson<{ id: number; example: boolean }[]>(page, "/api/promises");
  const example = promises.find((promise) => promise.example);
  const detail = await getJson<PromiseDetail>(page, `/api/promises/${example?.id}`);
  const commitment = detail.commitments.find((item) => item.organisations.includes("Fältenheten"));
  if (!commitment) throw new Error("the demo example has a Fältenheten commitment");
  return { ...commitment, promiseId: detail.id };
}

/** The commitment's activities, newest first (voided ones included). */
export async function activitiesOf(page: Page, commitmentId: number, limit = 500): Promise<ListedActivity[]> {
  return (await getJson<ActivityPage>(page, `/api/activities?commitmentId=${commitmentId}&limit=${limit}`)).items;
}

/** A day `days` before `date` (YYYY-MM-DD). */
export function daysBefore(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() - days);
  return day.toISOString().slice(0, 10);
}
