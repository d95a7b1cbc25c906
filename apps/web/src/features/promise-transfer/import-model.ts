import { type CreatePromise, CreatePromiseSchema } from "@lofteskollen/contracts";

export type ImportIssue = { path: string; message: string };

/** What the pasted or uploaded text holds: a promise to create, or why not. */
export type ImportReading =
  | { ok: true; promise: CreatePromise }
  | { ok: false; problem: "empty" | "notJson" | "invalid"; issues: ImportIssue[] };

/**
 * Reads the JSON of `POST /api/promises` (the format of `data/` and of "Exportera") and checks it
 * with the same schema the API uses, so a mistake shows before anything is sent.
 */
export function readPromiseJson(text: string): ImportReading {
  if (!text.trim()) return { ok: false, problem: "empty", issues: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: "notJson", issues: [{ path: "", message: error instanceof Error ? error.message : String(error) }] };
  }
  const parsed = CreatePromiseSchema.safeParse(value);
  if (parsed.success) {
    if (parsed.data.endDate < parsed.data.startDate) {
      return { ok: false, problem: "invalid", issues: [{ path: "endDate", message: "Slutdatumet ligger före startdatumet." }] };
    }
    return { ok: true, promise: parsed.data };
  }
  return {
    ok: false,
    problem: "invalid",
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message })),
  };
}
