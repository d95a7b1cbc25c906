import type { PromiseDetail, PromiseStatus } from "@lofteskollen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { promiseQueries } from "../promises/queries";
import { publishingKeys, refreshAfterPublishing } from "./queries";

const STATUS_LOOK: Record<PromiseStatus, { icon: string; className: string }> = {
  draft: { icon: "✎", className: "tag--upcoming" },
  published: { icon: "✓", className: "tag--ongoing" },
  archived: { icon: "▣", className: "tag--ended" },
};

/** Where focus goes after a step, so that keyboard and screen reader users stay with the change. */
type FocusTarget = "question" | "toggle" | "status";

/**
 * The promise's status, and publish / unpublish behind a confirm step that says in plain words
 * what it means. Focus: to the question when it opens, back to the button on cancel, to the new
 * status when it is done (announced too).
 */
export function PublishControl({ promise }: { promise: PromiseDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const refs = {
    question: useRef<HTMLParagraphElement>(null),
    toggle: useRef<HTMLButtonElement>(null),
    status: useRef<HTMLParagraphElement>(null),
  };
  const published = promise.status === "published";
  const change = useMutation({
    mutationKey: publishingKeys.status(promise.id),
    mutationFn: (publish: boolean) => (publish ? api.promises.publish(promise.id) : api.promises.unpublish(promise.id)),
    onSuccess: (updated) => {
      queryClient.setQueryData(promiseQueries.detail(promise.id).queryKey, updated);
      setConfirming(false);
      setFocus("status");
      return refreshAfterPublishing(queryClient, promise);
    },
  });

  useEffect(() => {
    if (!focus) return;
    refs[focus].current?.focus();
    setFocus(null);
  });

  const look = STATUS_LOOK[promise.status];
  const announcement = change.isSuccess ? t(change.variables ? "publishing.published" : "publishing.unpublished") : "";

  return (
    <div className="publish-control">
      <p className="publish-control__status" ref={refs.status} tabIndex={-1}>
        <span>{t("publishing.statusLabel")}</span>{" "}
        <span className={`tag ${look.className}`}>
          <span aria-hidden="true">{look.icon}&nbsp;</span>
          {t(`publishing.status.${promise.status}`)}
        </span>
      </p>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {confirming ? (
        <div className="confirm publish-control__confirm" role="group" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`} ref={refs.question} tabIndex={-1}>
            {t(published ? "publishing.confirmUnpublish" : "publishing.confirmPublish", { title: promise.title })}
          </p>
          {change.isError && (
            <p className="form__error" role="alert">
              {errorMessage(change.error, t)}
            </p>
          )}
          <div className="confirm__buttons">
            <button
              type="button"
              className={`button ${published ? "button--danger" : ""}`}
              disabled={change.isPending}
              onClick={() => change.mutate(!published)}
            >
              {change.isPending
                ? t(published ? "publishing.unpublishing" : "publishing.publishing")
                : t(published ? "publishing.confirmUnpublishYes" : "publishing.confirmPublishYes")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setConfirming(false);
                setFocus("toggle");
              }}
            >
              {t("publishing.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <p>
          <button
            type="button"
            ref={refs.toggle}
            className={`button ${published ? "button--secondary" : ""}`}
            aria-label={t(published ? "publishing.unpublishNamed" : "publishing.publishNamed", { title: promise.title })}
            onClick={() => {
              change.reset();
              setConfirming(true);
              setFocus("question");
            }}
          >
            {t(published ? "publishing.unpublish" : "publishing.publish")}
          </button>
        </p>
      )}
    </div>
  );
}
