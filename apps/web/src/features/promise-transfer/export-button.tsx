import type { PromiseDetail } from "@lofteskollen/contracts";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { transferKeys } from "./queries";

/** Offers `data` as a file to save, named `fileName`. */
function download(data: unknown, fileName: string) {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/** "Exportera": the promise in the format of `POST /api/promises`, saved as `<slug>.json`, to import elsewhere. */
export function ExportButton({ promise }: { promise: Pick<PromiseDetail, "id" | "slug"> }) {
  const { t } = useTranslation();
  const exportPromise = useMutation({
    mutationKey: transferKeys.export(promise.id),
    mutationFn: () => api.promises.export(promise.id),
    onSuccess: (data) => download(data, `${promise.slug}.json`),
  });
  return (
    <>
      <button type="button" className="button button--secondary" disabled={exportPromise.isPending} onClick={() => exportPromise.mutate()}>
        {exportPromise.isPending ? t("transfer.exporting") : t("transfer.export")}
      </button>
      {exportPromise.isError && (
        <p className="form__error" role="alert">
          {errorMessage(exportPromise.error, t)}
        </p>
      )}
    </>
  );
}
