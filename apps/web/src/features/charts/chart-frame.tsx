import { type ReactNode, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { savePng } from "./save-png";

type ChartFrameProps = {
  title: string;
  /** The chart's message in words, for those who do not see it (and as a caption for all). */
  description: string;
  /** File name of the PNG, without extension. */
  fileName: string;
  children: ReactNode;
};

/**
 * A chart with its heading, a fixed height (so the page does not jump when it loads lazily), a
 * caption in words, and "Spara som bild": the figure as a PNG for a report or a slide.
 */
export function ChartFrame({ title, description, fileName, children }: ChartFrameProps) {
  const { t } = useTranslation();
  const figure = useRef<HTMLElement>(null);
  const [failed, setFailed] = useState(false);

  return (
    <figure className="chart-frame" ref={figure}>
      <div className="chart-frame__head">
        <h4 className="chart-frame__title">{title}</h4>
        <button
          type="button"
          className="button button--quiet button--small"
          data-png-export="ignore"
          onClick={() => {
            setFailed(false);
            if (figure.current) savePng(figure.current, fileName).catch(() => setFailed(true));
          }}
        >
          {t("export.png")}
          <span className="visually-hidden">: {title}</span>
        </button>
      </div>
      <Suspense fallback={<div className="chart chart--loading">{t("charts.loading")}</div>}>{children}</Suspense>
      <figcaption className="chart-frame__caption">{description}</figcaption>
      {failed && (
        <p className="form__error" role="alert" data-png-export="ignore">
          {t("export.pngFailed")}
        </p>
      )}
    </figure>
  );
}
