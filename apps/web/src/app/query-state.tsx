import { useTranslation } from "react-i18next";
import { errorMessage } from "../api/client";

/** The loading and error states of a query, in words: shared by every panel that fetches. */
export function QueryState({
  query,
  loading,
  error,
}: {
  /** A query's state (TanStack Query's result, or several combined). */
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  loading: string;
  error: string;
}) {
  const { t } = useTranslation();
  if (query.isPending) {
    return (
      <p className="state" role="status">
        {loading}
      </p>
    );
  }
  if (query.isError) {
    return (
      <div className="state state--error" role="alert">
        <p>{error}</p>
        <p>{errorMessage(query.error, t)}</p>
        <button type="button" className="button" onClick={() => void query.refetch()}>
          {t("errors.retry")}
        </button>
      </div>
    );
  }
  return null;
}
