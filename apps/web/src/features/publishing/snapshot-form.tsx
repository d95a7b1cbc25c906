import type { PromiseDetail, Snapshot } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { useMutation } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { Trans, useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { publishingKeys } from "./queries";
import { defaultSnapshotDate, snapshotDateProblem } from "./snapshot-date";

type Field = "title" | "asOf";

/**
 * "Frys siffrorna": a title and an as-of date (today by default; not in the future, not before
 * the promise began) → a snapshot whose link shows those figures for good.
 */
export function SnapshotForm({ promise }: { promise: Pick<PromiseDetail, "id" | "startDate"> }) {
  const { t } = useTranslation();
  const id = useId();
  const today = todayInStockholm();
  const [title, setTitle] = useState("");
  const [asOf, setAsOf] = useState(() => defaultSnapshotDate({ today, start: promise.startDate }));
  const [checked, setChecked] = useState(false);
  const fieldRefs = { title: useRef<HTMLInputElement>(null), asOf: useRef<HTMLInputElement>(null) };
  const create = useMutation({
    mutationKey: publishingKeys.snapshots(promise.id),
    mutationFn: () => api.promises.createSnapshot(promise.id, { title: title.trim(), asOf }),
    onSuccess: () => {
      setTitle("");
      setChecked(false);
    },
  });

  const dateProblem = snapshotDateProblem(asOf, { today, start: promise.startDate });
  const problems: Record<Field, string | undefined> = {
    title: checked && !title.trim() ? t("publishing.snapshot.titleMissing") : undefined,
    asOf: checked && dateProblem ? t(`publishing.snapshot.${dateProblem}`, { today, start: promise.startDate }) : undefined,
  };
  // What the API refused, at the field it names (`issues[].path`); anything else below the form.
  const apiIssue = (field: Field) => (create.error instanceof ApiError ? create.error.issues.find((item) => item.path === field)?.message : undefined);
  const errorOf = (field: Field) => problems[field] ?? apiIssue(field);
  const otherError = create.isError && !apiIssue("title") && !apiIssue("asOf") ? errorMessage(create.error, t) : null;

  // Each field is described by its hint, and by its error when it has one.
  const describedBy = (field: Field) => (errorOf(field) ? `${id}-${field}-hint ${id}-${field}-error` : `${id}-${field}-hint`);

  return (
    // Closed at first: the promise page is for reading the figures; this is for the day of a meeting.
    <details className="snapshot">
      <summary className="snapshot__summary">
        <span id={`${id}-heading`}>{t("publishing.snapshot.heading")}</span>
      </summary>
      {create.isSuccess && <CreatedSnapshot key={create.data.slug} snapshot={create.data} />}
      <form
        className="form"
        aria-labelledby={`${id}-heading`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          // Focus goes to the first field to fix, which reads out its error (aria-describedby).
          if (!title.trim()) fieldRefs.title.current?.focus();
          else if (dateProblem) fieldRefs.asOf.current?.focus();
          else if (!create.isPending) create.mutate();
        }}
      >
        <p className="field__hint">{t("publishing.snapshot.intro")}</p>
        <div className="field">
          <label htmlFor={`${id}-title`}>{t("publishing.snapshot.title")}</label>
          <p id={`${id}-title-hint`} className="field__hint">
            {t("publishing.snapshot.titleHint")}
          </p>
          <input
            id={`${id}-title`}
            ref={fieldRefs.title}
            value={title}
            maxLength={200}
            required
            autoComplete="off"
            aria-invalid={errorOf("title") ? true : undefined}
            aria-describedby={describedBy("title")}
            onChange={(event) => setTitle(event.target.value)}
          />
          {errorOf("title") && (
            <p id={`${id}-title-error`} className="field__error">
              {errorOf("title")}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-asOf`}>{t("publishing.snapshot.asOf")}</label>
          <p id={`${id}-asOf-hint`} className="field__hint">
            {t("publishing.snapshot.asOfHint", { start: promise.startDate })}
          </p>
          <input
            id={`${id}-asOf`}
            ref={fieldRefs.asOf}
            type="date"
            value={asOf}
            min={promise.startDate}
            max={today}
            required
            aria-invalid={errorOf("asOf") ? true : undefined}
            aria-describedby={describedBy("asOf")}
            onChange={(event) => setAsOf(event.target.value)}
          />
          {errorOf("asOf") && (
            <p id={`${id}-asOf-error`} className="field__error">
              {errorOf("asOf")}
            </p>
          )}
        </div>
        {otherError && (
          <p className="form__error" role="alert">
            {otherError}
          </p>
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={create.isPending}>
            {create.isPending ? t("publishing.snapshot.creating") : t("publishing.snapshot.create")}
          </button>
        </div>
      </form>
    </details>
  );
}

type CopyState = "idle" | "copied" | "failed";

/** The new snapshot's link, to open or copy; focus comes here so the result is read first. */
function CreatedSnapshot({ snapshot }: { snapshot: Snapshot }) {
  const { t } = useTranslation();
  const id = useId();
  const [copy, setCopy] = useState<CopyState>("idle");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  // The API gives the path; people share the whole address.
  const address = new URL(snapshot.url, window.location.origin).href;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(address);
      setCopy("copied");
    } catch {
      // No clipboard (an insecure origin, a refused permission): leave it selected for Ctrl+C.
      linkRef.current?.select();
      setCopy("failed");
    }
  };

  return (
    <section className="snapshot__created" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        <span aria-hidden="true">✓&nbsp;</span>
        {t("publishing.snapshot.created", { title: snapshot.title })}
      </h4>
      <p>
        <Trans
          i18nKey="publishing.snapshot.createdAsOf"
          values={{ date: snapshot.asOf }}
          components={{ date: <time className="snapshot__date" dateTime={snapshot.asOf} /> }}
        />
      </p>
      <label htmlFor={`${id}-link`}>{t("publishing.snapshot.link")}</label>
      <div className="snapshot__link">
        <input
          id={`${id}-link`}
          ref={linkRef}
          type="text"
          readOnly
          value={address}
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
        />
        <button type="button" className="button" onClick={() => void copyLink()}>
          {t("publishing.snapshot.copy")}
        </button>
      </div>
      <p className="snapshot__copy" role="status">
        {copy === "copied" && t("publishing.snapshot.copied")}
        {copy === "failed" && t("publishing.snapshot.copyFailed")}
      </p>
      <a className="text-link" href={snapshot.url} target="_blank" rel="noopener">
        {t("publishing.snapshot.open")} <span className="visually-hidden">{t("publishing.newTab")}</span>
      </a>
    </section>
  );
}
