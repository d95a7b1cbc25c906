import type { PromiseDetail } from "@lofteskollen/contracts";
import { todayInStockholm } from "@lofteskollen/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError, errorMessage, isNotFound } from "../../api/client";
import { api } from "../../api/endpoints";
import { NotFoundPage } from "../../app/not-found-page";
import { idParam, promisePath } from "../../app/paths";
import { QueryState } from "../../app/query-state";
import { progressQueries } from "../progress/queries";
import { promiseQueries } from "../promises/queries";
import { apiProblemsOf } from "./api-problems";
import { draftOf, type EditStep, editSteps, type PromiseDraft, stepFieldPath } from "./editor-model";
import { PromiseForm } from "./promise-form";
import { promiseEditorKeys, refreshAfterPromiseChange } from "./queries";

/** `/loften/:promiseId/redigera`: change a promise and its commitments (managers and admins). */
export function EditPromisePage() {
  const promiseId = idParam(useParams().promiseId);
  if (promiseId === null) return <NotFoundPage />;
  return <EditPromise promiseId={promiseId} />;
}

/** A step the API refused, with the steps not sent yet (itself first). */
class StepFailure extends Error {
  constructor(
    readonly step: EditStep,
    readonly remaining: EditStep[],
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * Sends the steps in order; the first is sent with `confirm: true` when the person agreed to it.
 * New commitments' ids go into `savedKeys` as they are saved, so the order step can name them and
 * a second attempt after a refusal does not add them twice.
 */
async function saveSteps(promiseId: number, steps: EditStep[], confirmFirst: boolean, savedKeys: Map<string, number>): Promise<void> {
  for (const [index, step] of steps.entries()) {
    try {
      switch (step.kind) {
        case "promise":
          await api.promises.update(promiseId, step.patch);
          break;
        case "commitment":
          await api.commitments.update(step.commitmentId, index === 0 && confirmFirst ? { ...step.patch, confirm: true } : step.patch);
          break;
        case "add":
          savedKeys.set(step.key, (await api.commitments.create(promiseId, step.body)).id);
          break;
        case "remove":
          await api.commitments.remove(step.commitmentId);
          break;
        case "order":
          await api.promises.reorder(
            promiseId,
            step.commitments.map(({ key, id }) => {
              const saved = id ?? savedKeys.get(key);
              if (saved === undefined) throw new Error(`the new commitment ${key} was not saved`);
              return saved;
            }),
          );
          break;
      }
    } catch (cause) {
      throw new StepFailure(step, steps.slice(index), cause);
    }
  }
}

const needsConfirmation = (failure: unknown): failure is StepFailure =>
  failure instanceof StepFailure && failure.cause instanceof ApiError && failure.cause.code === "confirmation_required";

function EditPromise({ promiseId }: { promiseId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const promise = useQuery(promiseQueries.detail(promiseId));
  // Commitments with recorded activities keep their history: the form does not offer to remove them.
  const progress = useQuery(progressQueries.promise(promiseId, todayInStockholm()));
  const inUse = useMemo(
    () => new Set((progress.data?.commitments ?? []).filter((c) => c.total.actual > 0).map((c) => c.commitmentId)),
    [progress.data],
  );
  const [declined, setDeclined] = useState(false);
  const savedKeys = useRef(new Map<string, number>());
  const save = useMutation({
    mutationKey: promiseEditorKeys.edit(promiseId),
    mutationFn: ({ steps, confirmFirst }: { steps: EditStep[]; confirmFirst: boolean }) =>
      saveSteps(promiseId, steps, confirmFirst, savedKeys.current),
    // What was saved before a refusal stays saved: fetch the promise again either way, so the next
    // attempt compares with what is stored now.
    onSettled: () => refreshAfterPromiseChange(queryClient, promiseId),
    onSuccess: () => navigate(promisePath(promiseId)),
  });

  const failure = save.error instanceof StepFailure ? save.error : null;
  const confirming = needsConfirmation(failure) ? failure : null;
  const apiProblems = useMemo(
    () => (failure && !confirming ? apiProblemsOf(failure.cause, (path) => stepFieldPath(failure.step, path)) : {}),
    [failure, confirming],
  );
  const otherError =
    failure && !confirming
      ? failure.cause instanceof ApiError && failure.cause.fromApi
        ? failure.cause.message
        : errorMessage(failure.cause, t)
      : null;

  if (isNotFound(promise.error)) return <NotFoundPage />;
  const title = promise.data?.title ?? t("promisePage.loadingTitle");

  const submit = (draft: PromiseDraft, saved: PromiseDetail) => {
    setDeclined(false);
    const steps = editSteps(saved, draft, savedKeys.current);
    if (steps.length === 0) {
      void navigate(promisePath(promiseId));
      return;
    }
    save.mutate({ steps, confirmFirst: false });
  };

  return (
    <section className="panel page" aria-labelledby="editor-heading">
      <title>{t("app.pageTitle", { page: t("editor.editHeading", { title }) })}</title>
      <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
        <Link to={promisePath(promiseId)}>{title}</Link>
      </nav>
      <h2 id="editor-heading">{t("editor.editHeading", { title })}</h2>
      <QueryState query={promise} loading={t("promisePage.loading")} error={t("promisePage.error")} />
      {promise.data && (
        <PromiseForm
          // The form holds what is typed; a refetch after a partial save must not reset it.
          key={promiseId}
          mode="edit"
          initial={draftOf(promise.data)}
          saving={save.isPending}
          apiProblems={apiProblems}
          otherError={otherError}
          submitLabel={t("editor.save")}
          cancelTo={promisePath(promiseId)}
          inUse={inUse}
          onSubmit={(draft) => {
            const saved = queryClient.getQueryData(promiseQueries.detail(promiseId).queryKey) ?? promise.data;
            if (saved) submit(draft, saved);
          }}
        >
          {confirming && (
            <ConfirmChange
              message={confirming.cause instanceof ApiError ? confirming.cause.message : ""}
              onConfirm={() => save.mutate({ steps: confirming.remaining, confirmFirst: true })}
              onCancel={() => {
                save.reset();
                setDeclined(true);
              }}
            />
          )}
          {declined && (
            <p className="notice" role="status">
              {t("editor.confirmDeclined")}
            </p>
          )}
        </PromiseForm>
      )}
    </section>
  );
}

/**
 * The API's question before a new target or cadence recomputes a commitment's progress, in its
 * own words. Focus goes to the question, so it is read out first.
 */
function ConfirmChange({ message, onConfirm, onCancel }: { message: string; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const questionRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    questionRef.current?.focus();
  }, []);
  return (
    <div className="confirm editor__confirm" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-message`}>
      <h3 id={`${id}-title`} ref={questionRef} tabIndex={-1}>
        {t("editor.confirmHeading")}
      </h3>
      <p id={`${id}-message`}>{message}</p>
      <div className="confirm__buttons">
        <button type="button" className="button" onClick={onConfirm}>
          {t("editor.confirmYes")}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("editor.confirmNo")}
        </button>
      </div>
    </div>
  );
}
