import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// `pnpm dev` runs beside the API (`pnpm --filter @lofteskollen/api dev`, port 8787).
const API_ORIGIN = "http://localhost:8787";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
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
  },
});
