import { mkdirSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import { expectNoHorizontalScroll } from "./layout";

/** Where the browser tests leave their pictures (looked at when the pages change). */
export const SCREENSHOTS = "test-results/screenshots";

/** A phone and a laptop. */
export const VIEWPORTS = [
  { width: 390, height: 844 },
  { width: 1440, height: 900 },
] as const;

/**
 * Screenshots of the page as it is, at phone and laptop width (the top of the page and all of
 * it), each after checking that nothing scrolls sideways and no "undefined", "NaN" or
 * "[object …]" shows.
 */
export async function screenshots(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize();
  // No chart tooltip where the last click left the mouse, no focus ring where the last field was:
  // the pictures show the page at rest, from its top.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (const viewport of VIEWPORTS) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize(viewport);
    await expectNoHorizontalScroll(page);
    await expect(page.locator("body")).not.toContainText(/undefined|NaN|\[object/);
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${viewport.width}x${viewport.height}.png` });
    await page.screenshot({ path: `${SCREENSHOTS}/${name}-${viewport.width}x${viewport.height}-full.png`, fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
