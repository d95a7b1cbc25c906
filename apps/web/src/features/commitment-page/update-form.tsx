import { containsPersonalIdentityNumber, todayInStockholm } from "@lofteskollen/domain";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { commitmentQueries } from "./queries";

/** Write a lägesrapport: a dated text on the commitment's timeline, internal unless marked public. */
export function UpdateForm({ commitmentId, period }: { commitmentId: number; period: { start: string; end: string } }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const today = todayInStockholm();
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState(today < period.end ? today : period.end);
  const [text, setText] = useState("");
  const [isPublic, setIsPublic] = useState(false);
  const write = useMutation({
    mutationFn: () => api.commitments.createUpdate(commitmentId, { date, text: text.trim(), public: isPublic }),
    onSuccess: () => {
      setText("");
      setIsPublic(false);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: commitmentQueries.updates(commitmentId).queryKey });
    },
  });
  const privacyProblem = containsPersonalIdentityNumber(text) ? t("quickLog.personalNumber", { field: t("updates.text") }) : null;
  const issue = (field: string) => (write.error instanceof ApiError ? write.error.issues.find((item) => item.path === field)?.message : undefined);

  if (!open) {
    return (
      <p>
        <button type="button" className="button button--secondary" onClick={() => setOpen(true)}>
          {t("updates.write")}
        </button>
        {write.isSuccess && (
          <span className="records__aside" role="status">
            {" "}
            {t("updates.saved")}
          </span>
        )}
      </p>
    );
  }
  return (
    <form
      className="form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!text.trim() || privacyProblem || write.isPending) return;
        write.mutate();
      }}
    >
      <h4 id={`${id}-heading`}>{t("updates.write")}</h4>
      <div className="field">
        <label htmlFor={`${id}-date`}>{t("updates.date")}</label>
        <input id={`${id}-date`} type="date" value={date} min={period.start} onChange={(event) => setDate(event.target.value)} />
        {issue("date") && <p className="field__error">{issue("date")}</p>}
      </div>
      <div className="field field--wide">
        <label htmlFor={`${id}-text`}>{t("updates.text")}</label>
        <p id={`${id}-hint`} className="field__hint privacy-hint">
          <span aria-hidden="true">⚠ </span>
          {t("quickLog.noteHint")}
        </p>
        <textarea
          id={`${id}-text`}
          rows={4}
          maxLength={4000}
          value={text}
          required
          aria-invalid={privacyProblem || issue("text") ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setText(event.target.value)}
        />
        {(privacyProblem ?? issue("text")) && (
          <p className="field__error" role="alert">
            {privacyProblem ?? issue("text")}
          </p>
        )}
      </div>
      <div className="field field--check">
        <input id={`${id}-public`} type="checkbox" checked={isPublic} onChange={(event) => setIsPublic(event.target.checked)} />
        <label htmlFor={`${id}-public`}>{t("updates.makePublic")}</label>
      </div>
      {write.isError && !issue("text") && !issue("date") && (
        <p className="form__error" role="alert">
          {errorMessage(write.error, t)}
        </p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={write.isPending || !text.trim()}>
          {write.isPending ? t("quickLog.saving") : t("updates.save")}
        </button>
        <button type="button" className="button button--secondary" onClick={() => setOpen(false)}>
          {t("tokens.cancel")}
        </button>
      </div>
    </form>
  );
}
