import type { PromiseDetail } from "@lofteskollen/contracts";
import { isLocalDate } from "@lofteskollen/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { promisePath } from "../../app/paths";
import { apiProblemsOf } from "../promise-editor/api-problems";
import { refreshAfterPromiseChange } from "../promise-editor/queries";
import { promiseQueries } from "../promises/queries";
import { renewalKeys } from "./queries";
import { nextPeriod } from "./renew-period";

type Field = "startDate" | "endDate";

/**
 * "Förnya löftet": the promise and its commitments (not its activities) copied into a new period
 * as a draft; then on to the new draft. The period starts as the next one of the same length.
 */
export function RenewControl({ promise }: { promise: PromiseDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [period, setPeriod] = useState(() => nextPeriod(promise));
  const [checked, setChecked] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const fieldRefs = { startDate: useRef<HTMLInputElement>(null), endDate: useRef<HTMLInputElement>(null) };
  const renew = useMutation({
    mutationKey: renewalKeys.renew(promise.id),
    mutationFn: () => api.promises.renew(promise.id, period),
    onSuccess: async (created) => {
      queryClient.setQueryData(promiseQueries.detail(created.id).queryKey, created);
      await refreshAfterPromiseChange(queryClient, promise.id);
      await navigate(promisePath(created.id));
    },
  });

  useEffect(() => {
    if (open) headingRef.current?.focus();
    else if (returnFocus) toggleRef.current?.focus();
  }, [open, returnFocus]);

  const problems: Partial<Record<Field, string>> = {};
  if (checked) {
    if (!isLocalDate(period.startDate)) problems.startDate = t("editor.problems.dateMissing");
    if (!isLocalDate(period.endDate)) problems.endDate = t("editor.problems.dateMissing");
    else if (period.endDate < period.startDate) problems.endDate = t("editor.problems.endBeforeStart");
  }
  const apiProblems = useMemo(() => apiProblemsOf(renew.error), [renew.error]);
  const errorOf = (field: Field) => problems[field] ?? apiProblems[field];
  const otherError = renew.isError && !apiProblems.startDate && !apiProblems.endDate ? errorMessage(renew.error, t) : null;

  useEffect(() => {
    if (apiProblems.startDate) fieldRefs.startDate.current?.focus();
    else if (apiProblems.endDate) fieldRefs.endDate.current?.focus();
    // Only when the API answers anew.
  }, [apiProblems]);

  if (!open) {
    return (
      <button
        type="button"
        ref={toggleRef}
        className="button button--secondary"
        onClick={() => {
          renew.reset();
          setChecked(false);
          setPeriod(nextPeriod(promise));
          setReturnFocus(false);
          setOpen(true);
        }}
      >
        {t("renewal.open")}
      </button>
    );
  }

  const dateField = (field: Field) => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{t(`editor.${field}`)}</label>
      <input
        id={`${id}-${field}`}
        ref={fieldRefs[field]}
        type="date"
        value={period[field]}
        aria-invalid={errorOf(field) ? true : undefined}
        aria-describedby={errorOf(field) ? `${id}-${field}-error` : undefined}
        onChange={(event) => setPeriod((current) => ({ ...current, [field]: event.target.value }))}
      />
      {errorOf(field) && (
        <p id={`${id}-${field}-error`} className="field__error">
          {errorOf(field)}
        </p>
      )}
    </div>
  );

  return (
    <div className="renew" role="dialog" aria-labelledby={`${id}-heading`} aria-describedby={`${id}-intro`}>
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
        {t("renewal.heading", { title: promise.title })}
      </h3>
      <p id={`${id}-intro`} className="field__hint">
        {t("renewal.intro")}
      </p>
      <form
        className="form"
        noValidate
        aria-labelledby={`${id}-heading`}
        onSubmit={(event) => {
          event.preventDefault();
          setChecked(true);
          if (!isLocalDate(period.startDate)) fieldRefs.startDate.current?.focus();
          else if (!isLocalDate(period.endDate) || period.endDate < period.startDate) fieldRefs.endDate.current?.focus();
          else if (!renew.isPending) renew.mutate();
        }}
      >
        <div className="editor__row">
          {dateField("startDate")}
          {dateField("endDate")}
        </div>
        {otherError && (
          <p className="form__error" role="alert">
            {renew.error instanceof ApiError && renew.error.fromApi ? renew.error.message : otherError}
          </p>
        )}
        <div className="confirm__buttons">
          <button type="submit" className="button" disabled={renew.isPending}>
            {renew.isPending ? t("renewal.renewing") : t("renewal.submit")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setOpen(false);
              setReturnFocus(true);
            }}
          >
            {t("editor.cancel")}
          </button>
        </div>
      </form>
    </div>
  );
}
