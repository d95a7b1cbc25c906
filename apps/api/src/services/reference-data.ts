import { asc } from "drizzle-orm";
import type { Db } from "../db/client";
import { activityTypes } from "../db/schema";

export function listActivityTypes({ db }: { db: Db }) {
  return db.select().from(activityTypes).orderBy(asc(activityTypes.label)).all();
}
