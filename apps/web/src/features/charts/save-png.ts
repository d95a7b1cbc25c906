/**
 * Saves `node` (a chart with its heading and caption) as a PNG file. html-to-image copies the
 * computed styles, so the CSS-variable colours come along; it loads only when asked for.
 * Elements marked `data-png-export="ignore"` (the button itself) are left out of the picture.
 */
export async function savePng(node: HTMLElement, fileName: string): Promise<void> {
  const { toPng } = await import("html-to-image");
  const dataUrl = await toPng(node, {
    backgroundColor: "#ffffff",
    pixelRatio: 2,
    filter: (element) => !(element instanceof HTMLElement && element.dataset.pngExport === "ignore"),
  });
  const link = document.createElement("a");
  link.href = dataUrl;
  link.download = `${fileName}.png`;
  link.click();
}
