import { defineConfig } from "vitest/config";

// One `vitest run` at the root runs every package's tests, each package as its own project.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*"],
  },
});
