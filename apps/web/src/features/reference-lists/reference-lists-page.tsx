import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api, type ReferenceItem, type ReferenceList } from "../../api/endpoints";
import { QueryState } from "../../app/query-state";
import { apiProblemsOf } from "../promise-editor/api-problems";
import { referenceQueries } from "./queries";

/** What refers to an item, in words: "3 åtaganden, 12 aktiviteter" or "2 löften". */
export function usageOf(item: ReferenceItem, t: (key: string, options?: Record<string, unknown>) => string): string {
  if ("promises" in item) return t("reference.usage.promises", { count: item.promises });
  return `${t("reference.usage.commitments", { count: item.commitments })}, ${t("reference.usage.activities", { count: item.activities })}`;
}

/** `/aktorer-och-omraden` (managers, admins): the organisations and areas lists — add, rename, archive, merge duplicates. */
export function ReferenceListsPage() {
  const { t } = useTranslation();
  return (
    <section className="panel page" aria-labelledby="reference-heading">
      <title>{t("app.pageTitle", { page: t("reference.heading") })}</title>
      <h2 id="reference-heading">{t("reference.heading")}</h2>
      <p className="page__intro">{t("reference.intro")}</p>
      <ReferenceSection list="organisations" />
      <ReferenceSection list="areas" />
    </section>
  );
}

function ReferenceSection({ list }: { list: ReferenceList }) {
  const { t } = useTranslation();
  const id = useId();
  const query = useQuery(referenceQueries.list(list));
  return (
    <section className="reference" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t(`reference.${list}.heading`)}</h3>
      <QueryState query={query} loading={t("reference.loading")} error={t("reference.error")} />
      {query.data && (
        <>
          {query.data.length === 0 && <p className="state">{t("reference.empty")}</p>}
          <ul className="reference__list">
            {query.data.map((item) => (
              <ReferenceRow key={item.id} list={list} item={item} items={query.data} />
            ))}
          </ul>
          <AddForm list={list} />
        </>
      )}
    </section>
  );
}

function useInvalidate() {
  const queryClient = useQueryClient();
  // A rename or merge shows in promises too: they name their organisations and area.
  return () => queryClient.invalidateQueries();
}

function AddForm({ list }: { list: ReferenceList }) {
  const { t } = useTranslation();
  const id = useId();
  const invalidate = useInvalidate();
  const [name, setName] = useState("");
  const [checked, setChecked] = useState(false);
  const add = useMutation({
    mutationFn: () => api.reference.create(list, name.trim()),
    onSuccess: async () => {
      setName("");
      setChecked(false);
      await invalidate();
    },
  });
  const problems = apiProblemsOf(add.error);
  const error = checked && !name.trim() ? t("reference.nameMissing") : problems.name;
  const other = add.isError && !problems.name ? errorMessage(add.error, t) : null;
  return (
    <form
      className="form reference__add"
      noValidate
      aria-label={t(`reference.${list}.add`)}
      onSubmit={(event) => {
        event.preventDefault();
        setChecked(true);
        if (name.trim() && !add.isPending) add.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-name`}>{t(`reference.${list}.newName`)}</label>
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
          {t(`reference.${list}.add`)}
        </button>
      </div>
    </form>
  );
}

type Mode = "view" | "rename" | "merge";

function ReferenceRow({ list, item, items }: { list: ReferenceList; item: ReferenceItem; items: readonly ReferenceItem[] }) {
  const { t } = useTranslation();
  const id = useId();
  const invalidate = useInvalidate();
  const [mode, setMode] = useState<Mode>("view");
  const [name, setName] = useState(item.name);
  const [into, setInto] = useState<number | null>(null);
  const [confirming, setConfirming] = useState(false);
  const done = async () => {
    setMode("view");
    setConfirming(false);
    setInto(null);
    await invalidate();
  };
  const rename = useMutation({ mutationFn: () => api.reference.update(list, item.id, { name: name.trim() }), onSuccess: done });
  const archive = useMutation({ mutationFn: () => api.reference.update(list, item.id, { archived: !item.archived }), onSuccess: done });
  const merge = useMutation({ mutationFn: () => api.reference.merge(list, item.id, into ?? 0), onSuccess: done });
  const renameProblems = useMemo(() => apiProblemsOf(rename.error), [rename.error]);
  const mergeProblems = useMemo(() => apiProblemsOf(merge.error), [merge.error]);
  const nameError = rename.isError ? (renameProblems.name ?? errorMessage(rename.error, t)) : !name.trim() && mode === "rename" ? t("reference.nameMissing") : undefined;
  const intoError = merge.isError ? (mergeProblems.into ?? errorMessage(merge.error, t)) : undefined;
  const target = items.find((other) => other.id === into);
  const others = items.filter((other) => other.id !== item.id);

  return (
    <li className="reference__item" aria-labelledby={`${id}-name`}>
      <p className="reference__summary">
        <strong id={`${id}-name`}>{item.name}</strong>{" "}
        {item.archived && <span className="tag">{t("reference.archived")}</span>}{" "}
        <span className="reference__usage">{usageOf(item, t)}</span>
      </p>
      {mode === "view" && (
        <div className="form__actions">
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={t("reference.rename", { name: item.name })}
            onClick={() => { setName(item.name); rename.reset(); setMode("rename"); }}
          >
            {t("reference.renameShort")}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            aria-label={item.archived ? t("reference.unarchive", { name: item.name }) : t("reference.archive", { name: item.name })}
            disabled={archive.isPending}
            onClick={() => archive.mutate()}
          >
            {item.archived ? t("reference.unarchiveShort") : t("reference.archiveShort")}
          </button>
          {others.length > 0 && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t("reference.merge", { name: item.name })}
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
          aria-label={t("reference.renameForm", { name: item.name })}
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
          aria-label={t("reference.mergeForm", { name: item.name })}
          onSubmit={(event) => {
            event.preventDefault();
            if (!target) return;
            if (!confirming) setConfirming(true);
            else if (!merge.isPending) merge.mutate();
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-into`}>{t("reference.mergeInto", { name: item.name })}</label>
            <select
              id={`${id}-into`}
              value={into ?? ""}
              aria-invalid={intoError ? true : undefined}
              aria-describedby={intoError ? `${id}-into-error` : undefined}
              onChange={(event) => {
                setInto(event.target.value ? Number(event.target.value) : null);
                setConfirming(false);
                merge.reset();
              }}
            >
              <option value="">{t("reference.pick")}</option>
              {others.map((other) => (
                <option key={other.id} value={other.id}>
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
              {t("reference.mergeConfirm", { name: item.name, into: target.name, usage: usageOf(item, t) })}
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
