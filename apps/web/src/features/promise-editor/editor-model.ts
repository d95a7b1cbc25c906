import type { Commitment, CreatePromiseInput, PromiseDetail, PromiseStatus } from "@lofteskollen/contracts";
import { type Cadence, isLocalDate } from "@lofteskollen/domain";
import type { CommitmentPatch, NewCommitment, PromisePatch } from "../../api/endpoints";

/** One commitment as the form holds it: text as typed; `id` null for one not saved yet. */
export type CommitmentDraft = {
  /** A stable React key, also for commitments not saved yet. */
  key: string;
  id: number | null;
  title: string;
  description: string;
  theme: string;
  activityType: string;
  unit: string;
  hasTarget: boolean;
  target: string;
  cadence: Cadence;
  /** Comma separated, as typed ("Polisen, Fältenheten"). */
  organisations: string;
};

export type PromiseDraft = {
  title: string;
  area: string;
  startDate: string;
  endDate: string;
  summary: string;
  contact: string;
  status: PromiseStatus;
  /** Comma separated, as typed. */
  themes: string;
  commitments: CommitmentDraft[];
};

/** What is wrong with a field: an i18n key under `editor.problems`, by the field's path (`commitments.0.target`). */
export type Problems = Record<string, string>;

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

export function emptyCommitment(): CommitmentDraft {
  return {
    key: newKey(),
    id: null,
    title: "",
    description: "",
    theme: "",
    activityType: "",
    unit: "tillfällen",
    hasTarget: true,
    target: "",
    cadence: "year",
    organisations: "",
  };
}

export function emptyPromise(): PromiseDraft {
  return {
    title: "",
    area: "",
    startDate: "",
    endDate: "",
    summary: "",
    contact: "",
    status: "draft",
    themes: "",
    commitments: [emptyCommitment()],
  };
}

function commitmentDraft(commitment: Commitment): CommitmentDraft {
  return {
    key: `saved-${commitment.id}`,
    id: commitment.id,
    title: commitment.title,
    description: commitment.description ?? "",
    theme: commitment.theme ?? "",
    activityType: commitment.activityType,
    unit: commitment.unit,
    hasTarget: commitment.target !== null,
    target: commitment.target === null ? "" : String(commitment.target),
    cadence: commitment.cadence,
    organisations: commitment.organisations.join(", "),
  };
}

/** The form filled with a saved promise. */
export function draftOf(promise: PromiseDetail): PromiseDraft {
  return {
    title: promise.title,
    area: promise.area,
    startDate: promise.startDate,
    endDate: promise.endDate,
    summary: promise.summary ?? "",
    contact: promise.contact ?? "",
    status: promise.status,
    themes: promise.themes.join(", "),
    commitments: promise.commitments.map(commitmentDraft),
  };
}

/** "Polisen, Fältenheten ,, SSPF" → ["Polisen", "Fältenheten", "SSPF"]: trimmed, empty and repeated names left out. */
export function splitList(text: string): string[] {
  return [...new Set(text.split(",").map((item) => item.trim()).filter(Boolean))];
}

const MAX_TARGET = 10_000_000;

/** The target as a number: a positive whole number, or null when it is none. */
export function parseTarget(text: string): number | null {
  const trimmed = text.trim();
  if (!/^[1-9]\d*$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= MAX_TARGET ? value : null;
}

/** The fields in the order they appear, so focus goes to the first to fix. */
export function fieldOrder(draft: PromiseDraft): string[] {
  return [
    "title",
    "area",
    "startDate",
    "endDate",
    "summary",
    "contact",
    "status",
    "themes",
    "commitments",
    ...draft.commitments.flatMap((_, index) =>
      ["title", "description", "theme", "activityType", "unit", "target", "cadence", "organisations"].map(
        (field) => `commitments.${index}.${field}`,
      ),
    ),
  ];
}

/** What must be fixed before the form is sent (the API checks again and may say more). */
export function validateDraft(draft: PromiseDraft): Problems {
  const problems: Problems = {};
  if (!draft.title.trim()) problems.title = "titleMissing";
  if (!draft.area.trim()) problems.area = "areaMissing";
  if (!isLocalDate(draft.startDate)) problems.startDate = "dateMissing";
  if (!isLocalDate(draft.endDate)) problems.endDate = "dateMissing";
  else if (isLocalDate(draft.startDate) && draft.endDate < draft.startDate) problems.endDate = "endBeforeStart";
  if (draft.commitments.length === 0) problems.commitments = "noCommitments";
  draft.commitments.forEach((commitment, index) => {
    const at = (field: string) => `commitments.${index}.${field}`;
    if (!commitment.title.trim()) problems[at("title")] = "titleMissing";
    if (!commitment.activityType) problems[at("activityType")] = "activityTypeMissing";
    if (commitment.hasTarget && parseTarget(commitment.target) === null) problems[at("target")] = "targetInvalid";
    if (splitList(commitment.organisations).length === 0) problems[at("organisations")] = "organisationsMissing";
  });
  return problems;
}

const orNull = (text: string) => (text.trim() ? text.trim() : null);

function commitmentBody(commitment: CommitmentDraft) {
  return {
    title: commitment.title.trim(),
    description: orNull(commitment.description),
    theme: orNull(commitment.theme),
    activityType: commitment.activityType,
    unit: orNull(commitment.unit),
    target: commitment.hasTarget ? parseTarget(commitment.target) : null,
    cadence: commitment.cadence,
    organisations: splitList(commitment.organisations),
  };
}

/** The body of `POST /api/promises` for a valid draft. */
export function createBody(draft: PromiseDraft): CreatePromiseInput {
  return {
    title: draft.title.trim(),
    area: draft.area.trim(),
    startDate: draft.startDate,
    endDate: draft.endDate,
    status: draft.status,
    summary: orNull(draft.summary),
    contact: orNull(draft.contact),
    themes: splitList(draft.themes),
    commitments: draft.commitments.map(commitmentBody),
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);

/** Only the promise's fields that differ from the saved promise (an empty object when none does). */
export function promisePatch(saved: PromiseDetail, draft: PromiseDraft): PromisePatch {
  const patch: PromisePatch = {};
  const title = draft.title.trim();
  const area = draft.area.trim();
  if (title !== saved.title) patch.title = title;
  if (area !== saved.area) patch.area = area;
  if (draft.startDate !== saved.startDate) patch.startDate = draft.startDate;
  if (draft.endDate !== saved.endDate) patch.endDate = draft.endDate;
  if (orNull(draft.summary) !== saved.summary) patch.summary = orNull(draft.summary);
  if (orNull(draft.contact) !== saved.contact) patch.contact = orNull(draft.contact);
  if (draft.status !== saved.status) patch.status = draft.status;
  const themes = splitList(draft.themes);
  if (!sameList(themes, saved.themes)) patch.themes = themes;
  return patch;
}

/** Only the commitment's fields that differ from the saved commitment. */
export function commitmentPatch(saved: Commitment, draft: CommitmentDraft): CommitmentPatch {
  const body = commitmentBody(draft);
  const patch: CommitmentPatch = {};
  if (body.title !== saved.title) patch.title = body.title;
  if (body.description !== saved.description) patch.description = body.description;
  if (body.theme !== saved.theme) patch.theme = body.theme;
  if (body.activityType !== saved.activityType) patch.activityType = body.activityType;
  if ((body.unit ?? "") !== saved.unit) patch.unit = body.unit ?? "";
  if (body.target !== saved.target) patch.target = body.target;
  if (body.cadence !== saved.cadence) patch.cadence = body.cadence;
  if (!sameList(body.organisations, saved.organisations)) patch.organisations = body.organisations;
  return patch;
}

/**
 * One request of an edit: the promise's own fields, one commitment's changes, a new commitment,
 * a removed one, or the new order (by the form's keys: a new commitment's id is known only once
 * it is saved).
 */
export type EditStep =
  | { kind: "promise"; patch: PromisePatch }
  | { kind: "commitment"; index: number; commitmentId: number; patch: CommitmentPatch }
  | { kind: "add"; index: number; key: string; body: NewCommitment }
  | { kind: "remove"; commitmentId: number; title: string }
  | { kind: "order"; commitments: { key: string; id: number | null }[] };

/** The form's commitments saved by an earlier attempt, by their key (their draft still has no id). */
export type SavedKeys = ReadonlyMap<string, number>;

const savedId = (commitment: CommitmentDraft, saved: SavedKeys) => commitment.id ?? saved.get(commitment.key) ?? null;

/**
 * The requests that save an edit, in an order the API accepts at every step: the promise if it
 * changed, each changed commitment, the new ones (the API puts them last), the removed ones (after
 * the new ones, so a promise always keeps one), then the order if it is not already right.
 */
export function editSteps(saved: PromiseDetail, draft: PromiseDraft, savedKeys: SavedKeys = new Map()): EditStep[] {
  const steps: EditStep[] = [];
  const patch = promisePatch(saved, draft);
  if (Object.keys(patch).length > 0) steps.push({ kind: "promise", patch });
  const kept = new Map<number, string>();
  draft.commitments.forEach((commitment, index) => {
    const id = savedId(commitment, savedKeys);
    const original = id === null ? undefined : saved.commitments.find((item) => item.id === id);
    if (!original) return;
    kept.set(original.id, commitment.key);
    const change = commitmentPatch(original, commitment);
    if (Object.keys(change).length > 0) steps.push({ kind: "commitment", index, commitmentId: original.id, patch: change });
  });
  const added: string[] = [];
  draft.commitments.forEach((commitment, index) => {
    const id = savedId(commitment, savedKeys);
    // Saved by an earlier attempt: never add it twice, even before the saved promise shows it.
    if ((id !== null && kept.has(id)) || savedKeys.has(commitment.key)) return;
    added.push(commitment.key);
    steps.push({ kind: "add", index, key: commitment.key, body: commitmentBody(commitment) });
  });
  for (const commitment of saved.commitments) {
    if (!kept.has(commitment.id)) steps.push({ kind: "remove", commitmentId: commitment.id, title: commitment.title });
  }
  const orderAfterwards = [...saved.commitments.flatMap((c) => kept.get(c.id) ?? []), ...added];
  const wanted = draft.commitments.map((c) => c.key);
  if (!sameList(orderAfterwards, wanted)) {
    steps.push({ kind: "order", commitments: draft.commitments.map((c) => ({ key: c.key, id: savedId(c, savedKeys) })) });
  }
  return steps;
}

/** The form's path for a field the API named in answer to a step (`target` of commitment 2 → `commitments.2.target`). */
export function stepFieldPath(step: EditStep, path: string): string {
  return step.kind === "commitment" || step.kind === "add" ? `commitments.${step.index}.${path}` : path;
}
