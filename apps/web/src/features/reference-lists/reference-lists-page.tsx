import { type UseQueryResult, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { type ActivityType, api, type ReferenceItem, type ReferenceList } from "../../api/endpoints";
import { QueryState } from "../../app/query-state";
import { apiProblemsOf } from "../promise-editor/api-problems";
import { activityTypeQueries } from "../promise-editor/queries";
import { referenceQueries } from "./queries";

/** Which list a section shows: its i18n keys are under `reference.<kind>`. */
type ListKind = ReferenceList | "activityTypes";

/** What refers to an item, in words: "3 åtaganden, 12 aktiviteter" or "2 löften". */
export function usageOf(item: ReferenceItem | ActivityType, t: (key: string, options?: Record<string, unknown>) => string): string {
  if ("promises" in item) return t("reference.usage.promises", { count: item.promises });
  return `${t("reference.usage.commitments", { count: item.commitments })}, ${t("reference.usage.activities", { count: item.activities })}`;
}

/** One row of a list, whichever list: what the section shows and acts on. */
type Row = {
  /** The id (organisations, areas) or the code (activity types), as text. */
  key: string;
  name: string;
  archived: boolean;
  /** Shown beside the name: the code of an activity type (CSV imports and scripts name it). */
  code?: string;
  /** A type that always exists: a merge archives it instead of removing it. */
  builtIn: boolean;
  item: ReferenceItem | ActivityType;
};

/** A list's writes, in the row's terms; `nameField` is where the API names a refused name. */
type ListActions = {
  create: (name: string) => Promise<unknown>;
  update: (key: string, patch: { name?: string; archived?: boolean }) => Promise<unknown>;
  merge: (key: string, into: string) => Promise<unknown>;
  nameField: "name" | "label";
};

const referenceActions = (list: ReferenceList): ListActions => ({
  create: (name) => api.reference.create(list, name),
  update: (key, patch) => api.reference.update(list, Number(key), patch),
  merge: (key, into) => api.reference.merge(list, Number(key), Number(into)),
  nameField: "name",
});

const activityTypeActions: ListActions = {
  create: (name) => api.activityTypes.create(name),
  // A rename changes the label only: the code stays.
  update: (code, { name, archived }) => api.activityTypes.update(code, { label: name, archived }),
  merge: (code, into) => api.activityTypes.merge(code, into),
  nameField: "label",
};

const referenceRow = (item: ReferenceItem): Row => ({ key: String(item.id), name: item.name, archived: item.archived, builtIn: false, item });
const activityTypeRow = (item: ActivityType): Row => ({
  key: item.code,
  name: item.label,
  archived: item.archived,
  code: item.code,
  builtIn: item.builtIn,
  item,
});

/**
 * `/aktorer-och-omraden` (managers, admins): the organisations, areas and activity types lists —
 * add, rename, archive, merge duplicates.
 */
export function ReferenceListsPage() {
  const { t } = useTranslation();
  return (
    <section className="panel page" aria-labelledby="reference-heading">
      <title>{t("app.pageTitle", { page: t("reference.heading") })}</title>
      <h2 id="reference-heading">{t("reference.heading")}</h2>
      <p className="page__intro">{t("reference.intro")}</p>
      <ReferenceListSection list="organisations" />
      <ReferenceListSection list="areas" />
      <ActivityTypesSection />
    </section>
  );
}

function ReferenceListSection({ list }: { list: ReferenceList }) {
  const query: UseQueryResult<ReferenceItem[]> = useQuery(referenceQueries.list(list));
  const rows = useMemo(() => query.data?.map(referenceRow), [query.data]);
  return <ReferenceSection kind={list} query={query} rows={rows} actions={referenceActions(list)} />;
}

function ActivityTypesSection() {
  // The editor's own query: a change here shows in its select at once.
  const query = useQuery(activityTypeQueries.list());
  const rows = useMemo(() => query.data?.map(activityTypeRow), [query.data]);
  return <ReferenceSection kind="activityTypes" query={query} rows={rows} actions={activityTypeActions} />;
}

function ReferenceSection({
  kind,
  query,
  rows,
  actions,
}: {
  kind: ListKind;
  query: UseQueryResult<unknown>;
  rows: Row[] | undefined;
  actions: ListActions;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="reference" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t(`reference.${kind}.heading`)}</h3>
      <QueryState query={query} loading={t("reference.loading")} error={t("reference.error")} />
      {rows && (
        <>
          {rows.length === 0 && <p className="state">{t("reference.empty")}</p>}
          <ul className="reference__list">
            {rows.map((row) => (
              <ReferenceRow key={row.key} row={row} rows={rows} actions={actions} />
            ))}
          </ul>
          <AddForm kind={kind} actions={actions} />
        </>
      )}
    </section>
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  // A rename or merge shows in promises too: they name their organisations, area and activity types.
  return () => queryClient.invalidateQueries();
}

function AddForm({ kind, actions }: { kind: ListKind; actions: ListActions }) {
  const { t } = useTranslation();
  const id = useId();
  const invalidate = useInvalidate();
  const [name, setName] = useState("");
  const [checked, setChecked] = useState(false);
  const add = useMutation({
    mutationFn: () => actions.create(name.trim()),
    onSuccess: async () => {
      setName("");
      setChecked(false);
      await invalidate();
    },
  });
  const problems = apiProblemsOf(add.error);
  const error = checked && !name.trim() ? t("reference.nameMissing") : problems[actions.nameField];
  const other = add.isError && !problems[actions.nameField] ? errorMessage(add.error, t) : null;
  return (
    <form
      className="form reference__add"
      noValidate
      aria-label={t(`reference.${kind}.add`)}
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (name.trim() && !add.isPending) add.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t(`reference.${kind}.newName`)}</label>
        <input
          id={`${id}-name`}
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-name-error` : undefined}
          onChange={(event) => setName(event.target.value)}
        />
        {error && (
          <p id={`${id}-name-error`} className="field__error">
            {error}
          </p>
        )}
      </div>
      {other && (
        <p className="form__error" role="alert">
          {other}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={add.isPending}>
          {t(`reference.${kind}.add`)}
        </button>
      </div>
    </form>
  );
}

type Mode = "view" | "rename" | "merge";

function ReferenceRow({ row, rows, actions }: { row: Row; rows: readonly Row[]; actions: ListActions }) {
  const { t } = useTranslation();
  const id = useId();
  const invalidate = useInvalidate();
  const [mode, setMode] = useState<Mode>("view");
  const [name, setName] = useState(row.name);
  const [into, setInto] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const done = async () => {
    setMode("view");
    setConfirming(false);
    setInto(null);
    await invalidate();
  };
  const rename = useMutation({ mutationFn: () => actions.update(row.key, { name: name.trim() }), onSuccess: done });
  const archive = useMutation({ mutationFn: () => actions.update(row.key, { archived: !row.archived }), onSuccess: done });
  const merge = useMutation({ mutationFn: () => actions.merge(row.key, into ?? ""), onSuccess: done });
  const renameProblems = useMemo(() => apiProblemsOf(rename.error), [rename.error]);
  const mergeProblems = useMemo(() => apiProblemsOf(merge.error), [merge.error]);
  const nameError = rename.isError ? (renameProblems[actions.nameField] ?? errorMessage(rename.error, t)) : !name.trim() && mode === "rename" ? t("reference.nameMissing") : undefined;
  const intoError = merge.isError ? (mergeProblems.into ?? errorMessage(merge.error, t)) : undefined;
  const target = rows.find((other) => other.key === into);
  const others = rows.filter((other) => other.key !== row.key);
  // Nothing may be merged into an archived activity type (the API says 400): not offered.
  const targets = row.code === undefined ? others : others.filter((other) => !other.archived);

  return (
    <li className="reference__item" aria-labelledby={`${id}-name`}>
      <p className="reference__summary">
        <strong id={`${id}-name`}>{row.name}</strong>{" "}
        {row.archived && <span className="tag">{t("reference.archived")}</span>}{" "}
        <span className="reference__usage">
          {usageOf(row.item, t)}
          {row.code !== undefined && ` · ${t("reference.code", { code: row.code })}`}
        </span>
      </p>
      {mode === "view" && (
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={t("reference.rename", { name: row.name })}
            onClick={() => { setName(row.name); rename.reset(); setMode("rename"); }}
          >
            {t("reference.renameShort")}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={row.archived ? t("reference.unarchive", { name: row.name }) : t("reference.archive", { name: row.name })}
            disabled={archive.isPending}
            onClick={() => archive.mutate()}
          >
            {row.archived ? t("reference.unarchiveShort") : t("reference.archiveShort")}
          </button>
          {targets.length > 0 && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t("reference.merge", { name: row.name })}
              onClick={() => { merge.reset(); setMode("merge"); }}
            >
              {t("reference.mergeShort")}
            </button>
          )}
        </div>
      )}
      {archive.isError && (
        <p className="form__error" role="alert">
          {errorMessage(archive.error, t)}
        </p>
      )}
      {mode === "rename" && (
        <form
          className="form"
          noValidate
          aria-label={t("reference.renameForm", { name: row.name })}
          onSubmit={(event) => {
            event.preventDefault();
            if (name.trim() && !rename.isPending) rename.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-rename`}>{t("reference.newName")}</label>
            <input
              id={`${id}-rename`}
              value={name}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError ? `${id}-rename-error` : undefined}
              onChange={(event) => {
                setName(event.target.value);
                rename.reset();
              }}
            />
            {nameError && (
              <p id={`${id}-rename-error`} className="field__error">
                {nameError}
              </p>
            )}
          </div>
          <div className="form__actions">
            <button type="submit" className="button" disabled={rename.isPending}>
              {t("reference.save")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setMode("view")}>
              {t("reference.cancel")}
            </button>
          </div>
        </form>
      )}
      {mode === "merge" && (
        <form
          className="form"
          noValidate
          aria-label={t("reference.mergeForm", { name: row.name })}
          onSubmit={(event) => {
            event.preventDefault();
            if (!target) return;
            if (!confirming) setConfirming(true);
            else if (!merge.isPending) merge.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-into`}>{t("reference.mergeInto", { name: row.name })}</label>
            <select
              id={`${id}-into`}
              value={into ?? ""}
              aria-invalid={intoError ? true : undefined}
              aria-describedby={intoError ? `${id}-into-error` : undefined}
              onChange={(event) => {
                setInto(event.target.value || null);
                setConfirming(false);
                merge.reset();
              }}
            >
              <option value="">{t("reference.pick")}</option>
              {targets.map((other) => (
                <option key={other.key} value={other.key}>
                  {other.archived ? `${other.name} (${t("reference.archived")})` : other.name}
                </option>
              ))}
            </select>
            {intoError && (
              <p id={`${id}-into-error`} className="field__error">
                {intoError}
              </p>
            )}
          </div>
          {confirming && target && (
            <p className="notice" role="status">
              {t(row.builtIn ? "reference.mergeConfirmKept" : "reference.mergeConfirm", { name: row.name, into: target.name, usage: usageOf(row.item, t) })}
            </p>
          )}
          <div className="form__actions">
            <button type="submit" className="button" disabled={!target || merge.isPending}>
              {confirming ? t("reference.mergeConfirmButton", { into: target?.name ?? "" }) : t("reference.mergeNext")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => { setMode("view"); setConfirming(false); setInto(null); }}>
              {t("reference.cancel")}
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
