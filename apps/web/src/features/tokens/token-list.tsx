import type { Token } from "@lofteskollen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { formatDateTime } from "../../app/date-time";
import { revokeToken, tokenQueries } from "./queries";

/** The keys as a table (cards on a phone), each active one with a revoke that asks first. */
export function TokenList({ tokens }: { tokens: readonly Token[] }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<number | null>(null);
  const revoking = useMutation({
    mutationFn: (token: Token) => revokeToken(token.id),
    onSuccess: () => {
      setConfirming(null);
      return queryClient.invalidateQueries({ queryKey: tokenQueries.all() });
    },
  });
  const columns = {
    name: t("tokens.columns.name"),
    createdAt: t("tokens.columns.createdAt"),
    lastUsedAt: t("tokens.columns.lastUsedAt"),
    status: t("tokens.columns.status"),
  };
  const when = (iso: string) => <time dateTime={iso}>{formatDateTime(iso, i18n.language)}</time>;

  return (
    <>
      <p className="visually-hidden" role="status">
        {revoking.isSuccess && t("tokens.revoked", { name: revoking.variables.name })}
      </p>
      {revoking.isError && (
        <p className="form__error" role="alert">
          {errorMessage(revoking.error, t)}
        </p>
      )}
      <table className="records token-table">
        <thead>
          <tr>
            <th scope="col">{columns.name}</th>
            <th scope="col">{columns.createdAt}</th>
            <th scope="col">{columns.lastUsedAt}</th>
            <th scope="col">{columns.status}</th>
            <th scope="col">
              <span className="visually-hidden">{t("tokens.columns.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id} className={token.revokedAt ? "records__row--muted" : undefined}>
              {/* One element per cell: on a phone the cell is a grid of its label and its value. */}
              <th scope="row" data-label={columns.name}>
                <div>{token.name}</div>
              </th>
              <td data-label={columns.createdAt}>
                <div>{when(token.createdAt)}</div>
              </td>
              <td data-label={columns.lastUsedAt}>
                <div>{token.lastUsedAt ? when(token.lastUsedAt) : t("tokens.neverUsed")}</div>
              </td>
              <td data-label={columns.status}>
                <div>
                  {token.revokedAt ? (
                    <span className="tag tag--ended">
                      <span aria-hidden="true">✗&nbsp;</span>
                      {t("tokens.revokedAt", { date: formatDateTime(token.revokedAt, i18n.language) })}
                    </span>
                  ) : (
                    <span className="tag tag--ongoing">
                      <span aria-hidden="true">✓&nbsp;</span>
                      {t("tokens.active")}
                    </span>
                  )}
                </div>
              </td>
              <td className="records__actions">
                {!token.revokedAt &&
                  (confirming === token.id ? (
                    <div className="confirm" role="group" aria-labelledby={`revoke-question-${token.id}`}>
                      <p id={`revoke-question-${token.id}`}>{t("tokens.confirmRevoke", { name: token.name })}</p>
                      <div className="confirm__buttons">
                        <button
                          type="button"
                          className="button button--danger"
                          disabled={revoking.isPending}
                          onClick={() => revoking.mutate(token)}
                        >
                          {revoking.isPending ? t("tokens.revoking") : t("tokens.confirmRevokeYes")}
                        </button>
                        <button type="button" className="button button--secondary" onClick={() => setConfirming(null)}>
                          {t("tokens.cancel")}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t("tokens.revokeNamed", { name: token.name })}
                      onClick={() => {
                        revoking.reset();
                        setConfirming(token.id);
                      }}
                    >
                      {t("tokens.revoke")}
                    </button>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
