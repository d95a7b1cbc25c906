import type { PublicProgress } from "@lofteskollen/contracts";
import { isLocalDate, todayInStockholm } from "@lofteskollen/domain";
import { type Context, Hono } from "hono";
import QRCode from "qrcode";
import type { Store } from "../db/client";
import { AppError } from "../lib/errors";
import { getPublicProgress, getPublicSnapshot } from "../services/public";
import { ASSETS } from "./assets";
import { embedPage } from "./embed";
import { badDatePage, notFoundPage, type PageContext, render } from "./layout";
import { presentationPage } from "./presentation";
import { printPage } from "./print";
import { publicPage } from "./public-page";

export type PublicPagesOptions = {
  store: Store;
  now: () => Date;
  /** The address people reach the app at (PUBLIC_BASE_URL), for QR codes and printouts; else the request's origin. */
  publicBaseUrl?: string | null;
  /** Behind a reverse proxy: the origin is X-Forwarded-Proto/-Host. */
  trustProxy?: boolean;
};

type View = "page" | "visa" | "utskrift" | "embed";

const RENDER: Record<View, (context: PageContext) => ReturnType<typeof publicPage>> = {
  page: publicPage,
  visa: presentationPage,
  utskrift: printPage,
  embed: embedPage,
};

/** Live figures change as activities are logged: a short shared cache keeps a busy page cheap. */
const LIVE_CACHE = "public, max-age=60";
/** A snapshot never changes, but it may be withdrawn: an hour. */
const SNAPSHOT_CACHE = "public, max-age=3600";

/**
 * The public pages (issue 6) for anonymous visitors, rendered on the server with every figure in
 * the HTML and no inline script or style (the CSP): `/p/:slug` ("vi lovade – vi har gjort"),
 * `/p/:slug/visa` (presentation), `/p/:slug/utskrift` (A4), `/p/:slug/embed` (iframe widget) and
 * the same from a frozen snapshot under `/s/:slug…`. A promise that is not published is the same
 * 404 page as one that does not exist.
 */
export function createPublicPages({ store, now, publicBaseUrl = null, trustProxy = false }: PublicPagesOptions) {
  const app = new Hono();

  const origin = (c: Context) => {
    if (publicBaseUrl) return publicBaseUrl;
    const url = new URL(c.req.url);
    if (trustProxy) {
      const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
      const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
      if (host) return `${proto === "http" || proto === "https" ? proto : url.protocol.replace(":", "")}://${host}`;
    }
    return url.origin;
  };

  const htmlResponse = (c: Context, body: string, status: 200 | 400 | 404, cache: string) => {
    c.header("Cache-Control", status === 200 ? cache : "no-store");
    return c.html(body, status);
  };

  const respond = async (c: Context, view: View, load: () => Promise<{ progress: PublicProgress; base: string; query: string; pastDate: boolean }>, cache: string) => {
    let loaded: Awaited<ReturnType<typeof load>>;
    try {
      loaded = await load();
    } catch (error) {
      if (error instanceof AppError && error.status === 404) {
        const snapshot = c.req.path.startsWith("/s/");
        return htmlResponse(
          c,
          render(notFoundPage(snapshot ? "Det finns ingen ögonblicksbild på den här adressen." : undefined)),
          404,
          cache,
        );
      }
      if (error instanceof AppError && error.status === 400) return htmlResponse(c, render(badDatePage(c.req.path.replace(/\/(visa|utskrift|embed)$/, ""), error.issues?.[0]?.message)), 400, cache);
      throw error;
    }
    const absoluteUrl = `${origin(c)}${loaded.base}${loaded.query}`;
    const qrSvg = view === "visa" || view === "utskrift" ? await QRCode.toString(absoluteUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" }) : undefined;
    const context: PageContext = { ...loaded, absoluteUrl, qrSvg };
    return htmlResponse(c, render(RENDER[view](context)), 200, cache);
  };

  const live = (view: View) => async (c: Context) => {
    const slug = c.req.param("slug") ?? "";
    const asOf = c.req.query("asOf");
    if (asOf !== undefined && !isLocalDate(asOf)) return htmlResponse(c, render(badDatePage(`/p/${encodeURIComponent(slug)}`)), 400, LIVE_CACHE);
    return respond(
      c,
      view,
      async () => ({
        progress: await getPublicProgress({ db: store.db, slug, asOf, now: now() }),
        base: `/p/${encodeURIComponent(slug)}`,
        query: asOf ? `?asOf=${asOf}` : "",
        pastDate: asOf !== undefined && asOf !== todayInStockholm(now()),
      }),
      LIVE_CACHE,
    );
  };

  const snapshot = (view: View) => async (c: Context) => {
    const slug = c.req.param("slug") ?? "";
    return respond(
      c,
      view,
      async () => ({ progress: await getPublicSnapshot({ db: store.db, slug }), base: `/s/${encodeURIComponent(slug)}`, query: "", pastDate: false }),
      SNAPSHOT_CACHE,
    );
  };

  for (const asset of ASSETS) {
    app.get(asset.path, (c) => {
      // The versioned URL never changes content; an unversioned or old one is checked again soon.
      c.header("Cache-Control", c.req.query("v") === asset.version ? "public, max-age=31536000, immutable" : "public, max-age=300");
      c.header("Content-Type", asset.contentType);
      return c.body(asset.body);
    });
  }

  app.get("/p/:slug", live("page"));
  app.get("/p/:slug/visa", live("visa"));
  app.get("/p/:slug/utskrift", live("utskrift"));
  app.get("/p/:slug/embed", live("embed"));
  app.get("/s/:slug", snapshot("page"));
  app.get("/s/:slug/visa", snapshot("visa"));
  app.get("/s/:slug/utskrift", snapshot("utskrift"));

  return app;
}
