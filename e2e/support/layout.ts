import { expect, type Page } from "@playwright/test";

/** No sideways scrolling, once the charts have followed a change of window size (a resize observer, a frame later). */
export async function expectNoHorizontalScroll(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), {
      message: "the page is wider than the screen",
    })
    .toBeLessThanOrEqual(0);
}
