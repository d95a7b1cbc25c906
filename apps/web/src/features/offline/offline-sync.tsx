import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { api } from "../../api/endpoints";
import { commitmentQueries } from "../commitment-page/queries";
import { progressQueries } from "../progress/queries";
import { offlineQueries } from "./queries";
import { deviceQueue } from "./queue-store";
import { syncQueue } from "./sync";

/** How often waiting entries are tried while the browser says it is online (the `online` event can be missed). */
const RETRY_MS = 30_000;

/**
 * Sends the signed-in user's queued activities when the network is there: at start, when the
 * browser comes online, and every half minute while something waits. One run at a time.
 * Renders nothing; mounted once in the signed-in frame, so it works on every page.
 */
export function OfflineSync({ userId }: { userId: number }) {
  const queryClient = useQueryClient();
  const queue = useQuery(offlineQueries.queue(userId));
  const running = useRef(false);
  const waiting = queue.data?.filter((item) => item.state === "waiting").length ?? 0;

  useEffect(() => {
    const run = async () => {
      if (running.current || !navigator.onLine) return;
      running.current = true;
      try {
        const result = await syncQueue(deviceQueue(), userId, (item) => api.activities.create(item.input, item.key));
        if (result.sent > 0 || result.refused > 0) {
          await queryClient.invalidateQueries({ queryKey: offlineQueries.all() });
          await queryClient.invalidateQueries({ queryKey: progressQueries.all() });
          await queryClient.invalidateQueries({ queryKey: commitmentQueries.all() });
        }
      } finally {
        running.current = false;
      }
    };
    void run();
    window.addEventListener("online", run);
    const timer = waiting > 0 ? setInterval(run, RETRY_MS) : undefined;
    return () => {
      window.removeEventListener("online", run);
      if (timer) clearInterval(timer);
    };
  }, [userId, waiting, queryClient]);

  return null;
}
