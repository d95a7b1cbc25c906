import type { ImportMappingInput, SuggestedImportMapping } from "@lofteskollen/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { PATHS } from "../../app/paths";
import { useSignedInUser } from "../auth/signed-in-user";
import { commitmentQueries } from "../commitment-page/queries";
import { localeOf } from "../progress/format";
import { progressQueries } from "../progress/queries";
import { ColumnMapping } from "./column-mapping";
import { MAX_FILE_BYTES, base64Of, completeMapping, formatOf, rememberMapping, rememberedMapping, sameMapping } from "./import-model";
import { PreviewRows } from "./preview-rows";
import { type ChosenFile, importQueries } from "./queries";

/**
 * `/registrera/import`: a spreadsheet of activities in three steps — choose the file, check which
 * column is which (remembered for the next file with the same headers), look at every row's
 * problems — then import the valid rows in one go. Nothing is stored before the last step.
 */
export function ImportPage() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const user = useSignedInUser();
  const queryClient = useQueryClient();
  const number = new Intl.NumberFormat(localeOf(i18n.language));
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  /** The mapping the user chose; null until they change a column. */
  const [chosen, setChosen] = useState<SuggestedImportMapping | null>(null);

  // First the server's own reading, with the mapping it suggests from the headers.
  const suggested = useQuery({ ...importQueries.preview(file ?? EMPTY_FILE, null), enabled: file !== null });
  const headers = suggested.data?.headers ?? null;
  const remembered = headers ? rememberedMapping(localStorage, user.id, headers) : null;
  const mapping: SuggestedImportMapping = chosen ?? remembered ?? suggested.data?.mapping ?? suggested.data?.suggestedMapping ?? {};
  const complete = completeMapping(mapping);
  const answeredAlready = complete !== null && suggested.data?.mapping != null && sameMapping(complete, suggested.data.mapping);
  // Then, when the columns differ from the suggestion, the rows read with the chosen ones.
  const mapped = useQuery({
    ...importQueries.preview(file ?? EMPTY_FILE, complete),
    enabled: file !== null && complete !== null && !answeredAlready,
    placeholderData: (previous) => previous,
  });
  const preview = answeredAlready ? suggested : mapped;
  const current = complete && preview.data?.mapping ? preview.data : null;

  // One key per file and mapping: a retry after a lost answer imports nothing twice.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), [file?.token, JSON.stringify(complete)]);
  const run = useMutation({
    mutationFn: ({ file, mapping }: { file: ChosenFile; mapping: ImportMappingInput }) =>
      api.imports.run({ format: file.format, content: file.content, fileName: file.name, mapping }, idempotencyKey),
    onSuccess: (_result, { mapping }) => {
      if (headers) rememberMapping(localStorage, user.id, headers, mapping);
      void queryClient.invalidateQueries({ queryKey: progressQueries.all() });
      void queryClient.invalidateQueries({ queryKey: commitmentQueries.all() });
    },
  });

  const choose = async (picked: File | undefined) => {
    run.reset();
    setChosen(null);
    setFile(null);
    setFileError(null);
    if (!picked) return;
    const format = formatOf(picked.name);
    if (!format) return setFileError(t("import.file.wrongType", { name: picked.name }));
    if (picked.size === 0) return setFileError(t("import.file.empty", { name: picked.name }));
    if (picked.size > MAX_FILE_BYTES) return setFileError(t("import.file.tooLarge", { name: picked.name, max: MAX_FILE_BYTES / 1024 / 1024 }));
    setReading(true);
    try {
      setFile({ token: crypto.randomUUID(), name: picked.name, format, content: await base64Of(picked) });
    } catch {
      setFileError(t("import.file.unreadable", { name: picked.name }));
    } finally {
      setReading(false);
    }
  };

  const result = run.data;
  return (
    <section className="panel page import" aria-labelledby="import-heading">
      <title>{t("app.pageTitle", { page: t("import.heading") })}</title>
      <nav aria-label={t("breadcrumbs.label")} className="breadcrumbs">
        <Link to={PATHS.quickLog}>{t("quickLog.heading")}</Link>
      </nav>
      <h2 id="import-heading">{t("import.heading")}</h2>
      <p className="page__intro">{t("import.intro")}</p>
      <p className="page__note">
        <a className="text-link" href={api.imports.templateUrl} download>
          {t("import.template")}
        </a>
        <span className="import__template-hint">{t("import.templateHint")}</span>
      </p>

      <div className="field">
        <label htmlFor={`${id}-file`}>{t("import.file.label")}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`${id}-file-hint`}
          onChange={(event) => void choose(event.target.files?.[0])}
        />
        <p id={`${id}-file-hint`} className="field__hint">
          {t("import.file.hint")}
        </p>
        {fileError && (
          <p className="field__error" role="alert">
            {fileError}
          </p>
        )}
      </div>

      {(reading || suggested.isFetching) && (
        <p className="state" role="status">
          {t("import.reading")}
        </p>
      )}
      {suggested.isError && (
        <p className="state state--error" role="alert">
          {errorMessage(suggested.error, t)}
        </p>
      )}

      {file && suggested.data && (
        <>
          <p className="page__note">
            {t("import.fileRead", {
              name: file.name,
              rows: number.format(suggested.data.totalRows),
              count: suggested.data.totalRows,
              how: suggested.data.format === "xlsx" ? t("import.excel") : t("import.csv", { encoding: suggested.data.encoding, delimiter: suggested.data.delimiter === "\t" ? "tab" : suggested.data.delimiter }),
            })}
          </p>
          <SampleRows headers={suggested.data.headers} rows={suggested.data.sampleRows} />
          <ColumnMapping headers={suggested.data.headers} mapping={mapping} onChange={setChosen} />
          {!complete && (
            <p className="state" role="status">
              {t("import.mapping.incomplete")}
            </p>
          )}
        </>
      )}

      {complete && mapped.isError && !answeredAlready && (
        <p className="state state--error" role="alert">
          {errorMessage(mapped.error, t)}
        </p>
      )}
      {mapped.isFetching && !answeredAlready && (
        <p className="state" role="status">
          {t("import.checking")}
        </p>
      )}

      {file && current && complete && !result && (
        <>
          <PreviewRows preview={current} />
          <div className="form__actions">
            {current.counts.ok > 0 ? (
              <button
                type="button"
                className="button button--big"
                disabled={run.isPending || preview.isFetching}
                onClick={() => run.mutate({ file, mapping: complete })}
              >
                {run.isPending ? t("import.importing") : t("import.run", { count: current.counts.ok, formatted: number.format(current.counts.ok) })}
              </button>
            ) : (
              <p className="state" role="status">
                {current.counts.duplicate > 0 && current.counts.error === 0 ? t("import.nothingNew") : t("import.nothingValid")}
              </p>
            )}
          </div>
          {current.counts.ok > 0 && <p className="field__hint">{t("import.runHint")}</p>}
        </>
      )}
      {run.isError && (
        <p className="form__error" role="alert">
          {t("import.failed")} {errorMessage(run.error, t)}
        </p>
      )}

      {result && (
        <div className="notice" role="status">
          <p>
            <strong>{t("import.done.created", { count: result.created, formatted: number.format(result.created) })}</strong>
          </p>
          {result.duplicates > 0 && <p>{t("import.done.duplicates", { count: result.duplicates, formatted: number.format(result.duplicates) })}</p>}
          {result.errors.length > 0 && <p>{t("import.done.errors", { count: result.errors.length, formatted: number.format(result.errors.length) })}</p>}
          <p>
            <Link className="text-link" to={PATHS.overview}>
              {t("import.done.toOverview")}
            </Link>
          </p>
        </div>
      )}
    </section>
  );
}

const EMPTY_FILE: ChosenFile = { token: "", name: "", format: "csv", content: "" };

/** The file's first rows, as they are, to recognise the columns by. */
function SampleRows({ headers, rows }: { headers: readonly string[]; rows: readonly (readonly string[])[] }) {
  const { t } = useTranslation();
  if (rows.length === 0) return null;
  return (
    <details className="sample-rows">
      <summary>{t("import.sample.summary", { count: rows.length })}</summary>
      <div className="table-scroll">
        <table className="records">
          <caption className="visually-hidden">{t("import.sample.caption")}</caption>
          <thead>
            <tr>
              {headers.map((header, index) => (
                <th key={`${index}-${header}`} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {headers.map((header, index) => (
                  <td key={`${index}-${header}`} data-label={header}>
                    {row[index] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
