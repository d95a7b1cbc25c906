import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { PATHS, promisePath } from "../../app/paths";
import { promiseQueries } from "../promises/queries";
import { apiProblemsOf } from "./api-problems";
import { createBody, emptyPromise, type PromiseDraft } from "./editor-model";
import { PromiseForm } from "./promise-form";
import { promiseEditorKeys, refreshAfterPromiseChange } from "./queries";

/** `/loften/nytt`: a new promise with its commitments (managers and admins). */
export function NewPromisePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [initial] = useState(emptyPromise);
  const create = useMutation({
    mutationKey: promiseEditorKeys.create(),
    mutationFn: (draft: PromiseDraft) => api.promises.create(createBody(draft)),
    onSuccess: async (created) => {
      await refreshAfterPromiseChange(queryClient);
      queryClient.setQueryData(promiseQueries.detail(created.id).queryKey, created);
      await navigate(promisePath(created.id));
    },
  });
  const apiProblems = useMemo(() => apiProblemsOf(create.error), [create.error]);
  const named = Object.keys(apiProblems).length > 0;
  const otherError = create.isError ? (named && create.error instanceof ApiError ? create.error.message : errorMessage(create.error, t)) : null;

  return (
    <section className="panel page" aria-labelledby="editor-heading">
      <title>{t("app.pageTitle", { page: t("editor.newHeading") })}</title>
      <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
        <Link to={PATHS.overview}>{t("nav.overview")}</Link>
      </nav>
      <h2 id="editor-heading">{t("editor.newHeading")}</h2>
      <p className="page__intro">{t("editor.newIntro")}</p>
      <PromiseForm
        mode="create"
        initial={initial}
        saving={create.isPending}
        apiProblems={apiProblems}
        otherError={otherError}
        submitLabel={t("editor.create")}
        cancelTo={PATHS.overview}
        onSubmit={(draft) => create.mutate(draft)}
      />
    </section>
  );
}
