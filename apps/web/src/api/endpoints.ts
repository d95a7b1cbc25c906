import type {
  ActivityType as ActivityTypeRow,
  Activity,
  Commitment,
  ActivityBatchResult,
  ActivityCorrection,
  ActivityPage,
  Area,
  CorrectActivityInput,
  CreateActivityInput,
  CreatePromiseInput,
  CreateSnapshot,
  DailyTotals,
  ImportFileInput,
  ImportPreview,
  ImportResult,
  Organisation,
  OrganisationBreakdown,
  ProgressSummary,
  PromiseDetail,
  PromiseProgress,
  PromiseSummary,
  Snapshot,
  Update,
} from "@lofteskollen/contracts";
import type { CreatedToken, CreateUser, EndedSessions, PatchUser, Token, User, UserSession } from "@lofteskollen/contracts";
import { type FetchJsonOptions, fetchJson, sendJson } from "./client";

/** The fields of a promise `PATCH /api/promises/:id` changes; only those sent are changed. */
export type PromisePatch = Partial<
  Pick<PromiseDetail, "title" | "area" | "startDate" | "endDate" | "summary" | "contact" | "status" | "themes">
>;

/** The fields of a commitment `PATCH /api/commitments/:id` changes; `confirm` agrees to recompute its progress. */
export type CommitmentPatch = Partial<
  Pick<Commitment, "title" | "description" | "theme" | "activityType" | "unit" | "target" | "cadence" | "organisations">
> & { confirm?: boolean };

/** One commitment as `POST /api/promises/:id/commitments` takes it (an item of `POST /api/promises`). */
export type NewCommitment = CreatePromiseInput["commitments"][number];

/** An activity type with its counts; archived ones too (existing commitments keep theirs). */
export type ActivityType = ActivityTypeRow;

/** The reference lists (issue 7, part 3): which list, and its rows as the API gives them. */
export type ReferenceList = "organisations" | "areas";
export type ReferenceItem = Organisation | Area;

/** A term of the term calendar; `default` when nobody entered the year and the default rule applies. */
export type Term = { id: number | null; name: string; startDate: string; endDate: string; default?: boolean };
export type TermInput = Pick<Term, "name" | "startDate" | "endDate">;

/** An API path with its query string, empty and undefined values left out. */
export function apiPath(path: string, query: Record<string, string | number | undefined | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * The typed client for the API's read endpoints (SPEC §4 and the dashboard's own). Each answer's
 * type is the shared zod contract the API validates its responses against, so a change of shape
 * breaks the web app's type check, not its users. (Why not Hono's `hc<AppType>`: docs/decisions/006.)
 */
export const api = {
  promises: {
    list: (options?: FetchJsonOptions) => fetchJson<PromiseSummary[]>("/api/promises", options),
    detail: (promiseId: number, options?: FetchJsonOptions) =>
      fetchJson<PromiseDetail>(`/api/promises/${promiseId}`, options),
    /** Creates a promise with its commitments (managers and admins). */
    create: (promise: CreatePromiseInput) => sendJson<PromiseDetail>("POST", "/api/promises", promise),
    /** Changes the fields sent, nothing else. */
    update: (promiseId: number, patch: PromisePatch) =>
      sendJson<PromiseDetail>("PATCH", `/api/promises/${promiseId}`, patch),
    /** Puts the promise's commitments in this order (every one of them, once). */
    reorder: (promiseId: number, commitmentIds: number[]) =>
      sendJson<PromiseDetail>("PUT", `/api/promises/${promiseId}/commitment-order`, { commitmentIds }),
    /** Copies the promise and its commitments (not its activities) into a new period, as a draft. */
    renew: (promiseId: number, period: { startDate: string; endDate: string }) =>
      sendJson<PromiseDetail>("POST", `/api/promises/${promiseId}/renew`, period),
    /** The promise in the body format of `POST /api/promises`, to share or import elsewhere. */
    export: (promiseId: number, options?: FetchJsonOptions) => fetchJson<CreatePromiseInput>(`/api/promises/${promiseId}/export`, options),
    progress: (promiseId: number, asOf: string, options?: FetchJsonOptions) =>
      fetchJson<PromiseProgress>(apiPath(`/api/promises/${promiseId}/progress`, { asOf }), options),
    dailyTotals: (promiseId: number, asOf: string, options?: FetchJsonOptions) =>
      fetchJson<DailyTotals>(apiPath(`/api/promises/${promiseId}/daily-totals`, { asOf }), options),
    /** A download link (the browser fetches it with the session cookie). */
    progressCsvUrl: (promiseId: number, asOf: string) => apiPath(`/api/promises/${promiseId}/progress.csv`, { asOf }),
    /** Makes the promise's aggregates public (managers and admins); answers the promise as `detail` does. */
    publish: (promiseId: number) => sendJson<PromiseDetail>("POST", `/api/promises/${promiseId}/publish`, {}),
    /** Takes the public page down again (the promise goes back to draft). */
    unpublish: (promiseId: number) => sendJson<PromiseDetail>("POST", `/api/promises/${promiseId}/unpublish`, {}),
    /** Freezes the published figures as of a date under a title, for a medborgardialog. */
    createSnapshot: (promiseId: number, snapshot: CreateSnapshot) =>
      sendJson<Snapshot>("POST", `/api/promises/${promiseId}/snapshots`, snapshot),
  },
  progress: {
    summary: (asOf: string, options?: FetchJsonOptions) => fetchJson<ProgressSummary>(apiPath("/api/progress", { asOf }), options),
  },
  commitments: {
    /** Changes the fields sent; a new target or cadence on a commitment with activities needs `confirm: true` (409 without). */
    update: (commitmentId: number, patch: CommitmentPatch) => sendJson<Commitment>("PATCH", `/api/commitments/${commitmentId}`, patch),
    /** Adds a commitment last to a promise (managers, admins). */
    create: (promiseId: number, commitment: NewCommitment) => sendJson<Commitment>("POST", `/api/promises/${promiseId}/commitments`, commitment),
    /** Removes a commitment nothing was recorded against (409 `commitment_in_use` otherwise). */
    remove: (commitmentId: number) => sendJson<undefined>("DELETE", `/api/commitments/${commitmentId}`, undefined),
    organisations: (commitmentId: number, range: { from: string; to: string }, options?: FetchJsonOptions) =>
      fetchJson<OrganisationBreakdown>(apiPath(`/api/commitments/${commitmentId}/organisations`, range), options),
    updates: (commitmentId: number, options?: FetchJsonOptions) =>
      fetchJson<Update[]>(`/api/commitments/${commitmentId}/updates`, options),
    createUpdate: (commitmentId: number, update: { date: string; text: string; public: boolean }) =>
      sendJson<Update>("POST", `/api/commitments/${commitmentId}/updates`, update),
    activitiesCsvUrl: (commitmentId: number) => `/api/commitments/${commitmentId}/activities.csv`,
  },
  activityTypes: {
    /** Every type, archived ones too: the editor offers an archived one only to a commitment that has it. */
    list: (options?: FetchJsonOptions) => fetchJson<ActivityType[]>("/api/activity-types", options),
    /** Adds a type (managers, admins); without a code the API makes one from the label. */
    create: (label: string) => sendJson<ActivityType>("POST", "/api/activity-types", { label }),
    /** Renames (the label only: the code stays), archives or unarchives. */
    update: (code: string, patch: { label?: string; archived?: boolean }) =>
      sendJson<ActivityType>("PATCH", `/api/activity-types/${encodeURIComponent(code)}`, patch),
    /** The commitments of `code` get the type `into`; `code` is deleted (a type that always exists is archived). */
    merge: (code: string, into: string) => sendJson<ActivityType>("POST", `/api/activity-types/${encodeURIComponent(code)}/merge`, { into }),
  },
  reference: {
    /** Organisations or areas, with their counts (managers, admins). */
    list: <L extends ReferenceList>(list: L, options?: FetchJsonOptions) =>
      fetchJson<L extends "organisations" ? Organisation[] : Area[]>(`/api/${list}`, options),
    create: (list: ReferenceList, name: string) => sendJson<ReferenceItem>("POST", `/api/${list}`, { name }),
    /** Rename, archive or unarchive. */
    update: (list: ReferenceList, id: number, patch: { name?: string; archived?: boolean }) =>
      sendJson<ReferenceItem>("PATCH", `/api/${list}/${id}`, patch),
    /** Everything referring to `id` moves to `into`; `id` is deleted. */
    merge: (list: ReferenceList, id: number, into: number) => sendJson<ReferenceItem>("POST", `/api/${list}/${id}/merge`, { into }),
  },
  terms: {
    /** The terms of a year: those entered, else the default rule's (marked `default`). */
    list: (year: number, options?: FetchJsonOptions) => fetchJson<Term[]>(apiPath("/api/terms", { year }), options),
    /** Replaces the terms of the years the list covers (admins). */
    replace: (terms: TermInput[]) => sendJson<Term[]>("PUT", "/api/terms", { terms }),
  },
  users: {
    /** Every user, by name (admins). */
    list: (options?: FetchJsonOptions) => fetchJson<User[]>("/api/users", options),
    detail: (userId: number, options?: FetchJsonOptions) => fetchJson<User>(`/api/users/${userId}`, options),
    /** A new user with a temporary password; a coordinator needs at least one organisation. */
    create: (user: CreateUser) => sendJson<User>("POST", "/api/users", user),
    /** Name, role, organisations (the list replaces the user's). */
    update: (userId: number, patch: PatchUser) => sendJson<User>("PATCH", `/api/users/${userId}`, patch),
    /** Disabling ends the user's sessions, and their API keys stop working. */
    setDisabled: (userId: number, disabled: boolean) => sendJson<User>("POST", `/api/users/${userId}/${disabled ? "disable" : "enable"}`, {}),
    /** A new (temporary) password: every session of the user ends. */
    setPassword: (userId: number, password: string) => sendJson<undefined>("POST", `/api/users/${userId}/password`, { password }),
    /** The user's live sessions, newest first. */
    sessions: (userId: number, options?: FetchJsonOptions) => fetchJson<UserSession[]>(`/api/users/${userId}/sessions`, options),
    /** Ends one session (`sessionId`), or all of them. */
    endSessions: (userId: number, sessionId?: string) =>
      sendJson<EndedSessions>("DELETE", sessionId ? `/api/users/${userId}/sessions/${sessionId}` : `/api/users/${userId}/sessions`, undefined),
    tokens: (userId: number, options?: FetchJsonOptions) => fetchJson<Token[]>(`/api/users/${userId}/tokens`, options),
    /** A key acting as the user; its secret is in this answer only. Revoke with the user's own `revokeToken`. */
    createToken: (userId: number, name: string) => sendJson<CreatedToken>("POST", `/api/users/${userId}/tokens`, { name }),
  },
  updates: {
    /** Shows a lägesrapport on the public page, or hides it again (managers and admins). */
    setPublic: (updateId: number, isPublic: boolean) => sendJson<Update>("PATCH", `/api/updates/${updateId}`, { public: isPublic }),
  },
  activities: {
    list: (query: { commitmentId: number; limit: number; cursor: string | null }, options?: FetchJsonOptions) =>
      fetchJson<ActivityPage>(apiPath("/api/activities", query), options),
    /**
     * Logs one activity. The idempotency key makes a retry (a lost answer, a queue sent again)
     * return the first result instead of logging twice.
     */
    create: (input: CreateActivityInput, idempotencyKey: string) =>
      sendJson<Activity>("POST", "/api/activities", input, { headers: { "Idempotency-Key": idempotencyKey } }),
    /** Logs many activities at once: all or none; a refusal names each bad row (`activities.N.field`). */
    createBatch: (activities: CreateActivityInput[], idempotencyKey: string) =>
      sendJson<ActivityBatchResult>("POST", "/api/activities/batch", { activities }, { headers: { "Idempotency-Key": idempotencyKey } }),
    void: (activityId: number, reason: string) => sendJson<Activity>("POST", `/api/activities/${activityId}/void`, { reason }),
    /** Voids the activity and logs the corrected one, linked (`replacesId`), in one transaction. */
    correct: (activityId: number, correction: CorrectActivityInput) =>
      sendJson<ActivityCorrection>("POST", `/api/activities/${activityId}/correct`, correction),
  },
  imports: {
    /** Reads the file and checks every row; stores nothing. */
    preview: (file: ImportFileInput, options?: FetchJsonOptions) => sendJson<ImportPreview>("POST", "/api/imports/preview", file, options),
    /** Stores the file's valid rows in one transaction; the key makes a retry return the first result. */
    run: (file: ImportFileInput, idempotencyKey: string) =>
      sendJson<ImportResult>("POST", "/api/imports", file, { headers: { "Idempotency-Key": idempotencyKey } }),
    /** A download link: the template's Swedish headers and one example row. */
    templateUrl: "/api/imports/template.csv",
  },
};
