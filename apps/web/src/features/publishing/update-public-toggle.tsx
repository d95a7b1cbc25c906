import type { Update } from "@lofteskollen/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/client";
import { api } from "../../api/endpoints";
import { commitmentQueries } from "../commitment-page/queries";
import { progressQueries } from "../progress/queries";
import { promiseQueries } from "../promises/queries";
import { publishingKeys } from "./queries";

/**
 * "Visas publikt" on one lägesrapport (managers and admins). The box follows the click at once;
 * if the API refuses, the list goes back to what it was and says why.
 */
export function UpdatePublicToggle({ update, promiseId }: { update: Update; promiseId: number }) {
  const { t } = useTranslation();
  const id = useId();
  const queryClient = useQueryClient();
  const updatesKey = commitmentQueries.updates(update.commitmentId).queryKey;
  const toggle = useMutation({
    mutationKey: publishingKeys.updatePublic(update.id),
    mutationFn: (isPublic: boolean) => api.updates.setPublic(update.id, isPublic),
    // Optimistic: https://tanstack.com/query/latest/docs/framework/react/guides/optimistic-updates
    onMutate: async (isPublic) => {
      await queryClient.cancelQueries({ queryKey: updatesKey });
      const previous = queryClient.getQueryData(updatesKey);
      queryClient.setQueryData(updatesKey, (updates) =>
        updates?.map((item) => (item.id === update.id ? { ...item, public: isPublic } : item)),
      );
      return { previous };
    },
    onError: (_error, _isPublic, context) => {
      if (context?.previous) queryClient.setQueryData(updatesKey, context.previous);
    },
    // Not awaited: the box and any refusal should show now, not after the lists are fetched again.
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: updatesKey });
      void queryClient.invalidateQueries({ queryKey: promiseQueries.detail(promiseId).queryKey });
      void queryClient.invalidateQueries({ queryKey: [...progressQueries.promises(), promiseId] });
    },
  });

  return (
    <span className="update-public">
      <span className="update-public__control">
        <input
          id={`${id}-public`}
          type="checkbox"
          checked={update.public}
          aria-describedby={toggle.isError ? `${id}-error` : undefined}
          onChange={(event) => toggle.mutate(event.target.checked)}
        />
        <label htmlFor={`${id}-public`}>
          {t("publishing.updatePublic")}
          <span className="visually-hidden">: {t("publishing.updatePublicWhich", { date: update.date })}</span>
        </label>
      </span>
      {toggle.isError && (
        <span id={`${id}-error`} className="field__error" role="alert">
          {t("publishing.updatePublicFailed", { message: errorMessage(toggle.error, t) })}
        </span>
      )}
    </span>
  );
}
