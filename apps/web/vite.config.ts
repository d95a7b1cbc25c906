import react from "@vitejs/plugin-react";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";

// `pnpm dev` runs beside the API (`pnpm --filter @lofteskollen/api dev`, port 8787).
const API_ORIGIN = "http://localhost:8787";

export default defineConfig({
  plugins: [
    react(),
    // The app shell installs and opens offline, so a coordinator can log where the network is poor;
    // what is logged offline waits in the device's queue (features/offline). Registered by a
    // separate registerSW.js file: the CSP allows no inline script.
    VitePWA({
      registerType: "autoUpdate",
      injectRegister: "script-defer",
      includeAssets: ["icon.svg"],
      manifest: {
        name: "Löfteskollen",
        short_name: "Löfteskollen",
        description: "Följ upp medborgarlöften och registrera genomförda aktiviteter.",
        lang: "sv",
        start_url: "/registrera",
        scope: "/",
        display: "standalone",
        background_color: "#f3f6f8",
        theme_color: "#0b4f6c",
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        globPatterns: ["**/*.{js,css,html,png,svg,webmanifest}"],
        // Every page of the app is the same index.html; API paths are never answered from it, nor
        // the public pages the API serves itself (/p/<slug>…, /s/<snapshot>): the app links them.
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/api\//, /^\/p\//, /^\/s\//],
        runtimeCaching: [
          {
            // What the quick log needs to show its commitments offline: who is signed in and the
            // promises with their commitments (no activities, no personal data). Fresh from the
            // network when there is one; the last answer when there is not.
            urlPattern: ({ url, request }) =>
              request.method === "GET" && /^\/api\/(auth\/me|promises(\/\d+)?)$/.test(url.pathname),
            handler: "NetworkFirst",
            options: {
              cacheName: "lofteskollen-api-reads",
              networkTimeoutSeconds: 4,
              expiration: { maxEntries: 50, maxAgeSeconds: 14 * 24 * 60 * 60 },
              cacheableResponse: { statuses: [200] },
            },
          },
        ],
      },
    }),
  ],
  server: {
    proxy: {
      // The public pages (issue 6) are the API's own HTML, as in production.
      "/p/": { target: API_ORIGIN, changeOrigin: true },
      "/s/": { target: API_ORIGIN, changeOrigin: true },
      // "/api/", not "/api": the page /api-nycklar starts with "/api" too.
      "/api/": {
        target: API_ORIGIN,
        changeOrigin: true,
        // The API refuses a write whose Origin is not its own host (CSRF). The browser's Origin
        // is Vite's (localhost:5173): the proxy speaks for the API's own origin instead.
        configure: (proxy) => {
          proxy.on("proxyReq", (proxyReq) => {
            proxyReq.setHeader("origin", API_ORIGIN);
          });
        },
      },
    },
  },
  test: {
    environment: "happy-dom",
    setupFiles: ["./src/test/setup.ts"],
  },
});
