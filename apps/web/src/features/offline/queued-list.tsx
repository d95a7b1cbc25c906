import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatCount, localeOf } from "../progress/format";
import { offlineQueries } from "./queries";
import { deviceQueue, type QueuedActivity } from "./queue-store";

/**
 * What waits on this device: entries "väntar på nät" (sent by themselves when the network is back)
 * and entries the server refused, with its reason, to fix or to discard — never dropped silently.
 */
export function QueuedList({ userId, onFix }: { userId: number; onFix: (item: QueuedActivity) => void }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const queryClient = useQueryClient();
  const queue = useQuery(offlineQueries.queue(userId));
  const [confirming, setConfirming] = useState<string | null>(null);
  const discard = useMutation({
    mutationFn: (key: string) => deviceQueue().remove(key),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: offlineQueries.all() }),
  });
  const items = queue.data ?? [];
  if (items.length === 0) return null;
  const waiting = items.filter((item) => item.state === "waiting").length;

  return (
    <section className="queued" aria-labelledby="queued-heading">
      <h3 id="queued-heading">{t("offline.heading", { count: items.length })}</h3>
      {waiting > 0 && <p className="page__note">{t("offline.waitingNote")}</p>}
      <ul className="queued__list">
        {items.map((item) => (
          <li key={item.key} className={`queued__item queued__item--${item.state}`} data-state={item.state}>
            <p className="queued__what">
              <strong>{item.commitmentTitle}</strong>
              {" · "}
              {item.input.occurredAt.slice(0, 10)}
              {" · "}
              {t("offline.quantity", { quantity: formatCount(item.input.quantity ?? 1, locale) })}
              {item.input.place ? ` · ${item.input.place}` : ""}
            </p>
            {item.state === "waiting" ? (
              <p className="tag queued__tag">
                <span aria-hidden="true">↻ </span>
                {t("offline.waiting")}
              </p>
            ) : (
              <>
                <p className="field__error" role="alert">
                  {t("offline.refused", { reason: item.refusal?.issues[0]?.message ?? item.refusal?.message ?? "" })}
                </p>
                <div className="form__actions">
                  <button type="button" className="button button--small" onClick={() => onFix(item)}>
                    {t("offline.fix")}
                  </button>
                  {confirming === item.key ? (
                    <>
                      <button type="button" className="button button--danger button--small" onClick={() => discard.mutate(item.key)}>
                        {t("offline.discardYes")}
                      </button>
                      <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(null)}>
                        {t("tokens.cancel")}
                      </button>
                    </>
                  ) : (
                    <button type="button" className="button button--secondary button--small" onClick={() => setConfirming(item.key)}>
                      {t("offline.discard")}
                    </button>
                  )}
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
