import { todayInStockholm } from "@lofteskollen/domain";
import { useSearchParams } from "react-router";
import { readViewParams, type ViewParams, type WindowChoice, writeViewParams } from "./view-params";

/** The view of the page's address (`?per=`, `?fonster=`) and a way to change it (a new history entry). */
export function useViewParams(): ViewParams & {
  today: string;
  setView: (view: { asOf?: string; window?: WindowChoice }) => void;
} {
  const [params, setParams] = useSearchParams();
  const today = todayInStockholm();
  return {
    ...readViewParams(params, today),
    today,
    setView: (view) => setParams((current) => writeViewParams(current, view, today)),
  };
}
