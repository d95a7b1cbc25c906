import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { PATHS, promisePath } from "../../app/paths";
import { refreshAfterPromiseChange } from "../promise-editor/queries";
import { promiseQueries } from "../promises/queries";
import { formatPeriod } from "../promises/period";
import { type ImportReading, readPromiseJson } from "./import-model";
import { transferKeys } from "./queries";

/**
 * `/loften/importera`: a promise from another municipality (or `data/`), pasted or uploaded as the
 * JSON of `POST /api/promises`; checked and previewed here, then created as it says.
 */
export function ImportPromisePage() {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const [reading, setReading] = useState<ImportReading | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const create = useMutation({
    mutationKey: transferKeys.import(),
    mutationFn: (body: Parameters<typeof api.promises.create>[0]) => api.promises.create(body),
    onSuccess: async (created) => {
      queryClient.setQueryData(promiseQueries.detail(created.id).queryKey, created);
      await refreshAfterPromiseChange(queryClient);
      await navigate(promisePath(created.id));
    },
  });

  const check = (value: string) => {
    create.reset();
    const result = readPromiseJson(value);
    setReading(result);
    if (!result.ok) textRef.current?.focus();
  };

  const problem = reading && !reading.ok ? reading : null;

  return (
    <section className="panel page" aria-labelledby="import-promise-heading">
      <title>{t("app.pageTitle", { page: t("transfer.importHeading") })}</title>
      <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
        <Link to={PATHS.overview}>{t("nav.overview")}</Link>
      </nav>
      <h2 id="import-promise-heading">{t("transfer.importHeading")}</h2>
      <p className="page__intro">{t("transfer.importIntro")}</p>
      <form
        className="form"
        noValidate
        aria-labelledby="import-promise-heading"
        onSubmit={(event) => {
          event.preventDefault();
          check(text);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("transfer.file")}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept="application/json,.json"
            onChange={async (event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              const content = await file.text();
              setText(content);
              check(content);
            }}
          />
        </div>
        <div className="field field--wide">
          <label htmlFor={`${id}-json`}>{t("transfer.paste")}</label>
          <textarea
            id={`${id}-json`}
            ref={textRef}
            className="import-json"
            rows={10}
            spellCheck={false}
            value={text}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setReading(null);
            }}
          />
          {problem && (
            <div id={`${id}-problem`} className="field__error">
              <p>{t(`transfer.problems.${problem.problem}`)}</p>
              {problem.issues.length > 0 && (
                <ul>
                  {problem.issues.map((issue) => (
                    <li key={`${issue.path}-${issue.message}`}>{issue.path ? `${issue.path}: ${issue.message}` : issue.message}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary">
            {t("transfer.check")}
          </button>
        </div>
      </form>
      {reading?.ok && (
        <section className="section import-preview" aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`}>{t("transfer.previewHeading")}</h3>
          <dl className="facts">
            <dt>{t("editor.title")}</dt>
            <dd>{reading.promise.title}</dd>
            <dt>{t("editor.area")}</dt>
            <dd>{reading.promise.area}</dd>
            <dt>{t("promises.period")}</dt>
            <dd>{formatPeriod(reading.promise)}</dd>
          </dl>
          <p>{t("transfer.commitmentCount", { count: reading.promise.commitments.length })}</p>
          <ul className="import-preview__list">
            {reading.promise.commitments.map((commitment, index) => (
              <li key={`${index}-${commitment.title}`}>
                <strong>{commitment.title}</strong> –{" "}
                {commitment.target === null
                  ? t("transfer.noTarget")
                  : t("transfer.target", {
                      target: commitment.target,
                      unit: commitment.unit ?? "",
                      cadence: t(`editor.cadencePer.${commitment.cadence}`),
                    })}
              </li>
            ))}
          </ul>
          {create.isError && (
            <div className="form__error" role="alert">
              <p>{create.error instanceof ApiError && create.error.fromApi ? create.error.message : errorMessage(create.error, t)}</p>
              {create.error instanceof ApiError && create.error.issues.length > 0 && (
                <ul>
                  {create.error.issues.map((issue) => (
                    <li key={`${issue.path}-${issue.message}`}>{`${issue.path}: ${issue.message}`}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          <p>
            <button type="button" className="button" disabled={create.isPending} onClick={() => create.mutate(reading.promise)}>
              {create.isPending ? t("transfer.importing") : t("transfer.import")}
            </button>
          </p>
        </section>
      )}
    </section>
  );
}
