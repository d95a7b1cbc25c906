#!/usr/bin/env node
// `pnpm cli …` from the repository root: a bin, not a package script, so pnpm prints no banner
// and `pnpm cli token:create` writes the token alone on standard output.
import { register } from "tsx/esm/api";

register();
await import("../src/cli.ts");
