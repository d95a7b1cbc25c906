import { asc } from "drizzle-orm";
import type { Db } from "../db/client";

export async function listActivityTypes({ db }: { db: Db }) {
  const { activityTypes } = db.$tables;
  return await db.select().from(activityTypes).orderBy(asc(activityTypes.label));
}
