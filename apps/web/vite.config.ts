import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  server: {
    // `pnpm dev` runs beside the API (`pnpm --filter @lofteskollen/api dev`, port 8787).
    proxy: { "/api": "http://localhost:8787" },
  },
  test: {
    environment: "happy-dom",
  },
});
