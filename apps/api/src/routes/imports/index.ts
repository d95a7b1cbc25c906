import { IMPORT_MAX_BODY_BYTES, ImportFileSchema, type ImportResult, ImportPreviewSchema, ImportResultSchema } from "@lofteskollen/contracts";
import { createRoute } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import { csvContent, csvResponse } from "../../lib/csv";
import { createRouter, errorBody, errorsFor, json, jsonBody } from "../../lib/openapi";
import { requirePermission } from "../../middleware/require-permission";
import { withIdempotency } from "../../services/idempotency";
import { importTemplate, previewImport, readImportFile, requireMapping, runImport } from "../../services/imports";
import { authorOf } from "../author";
import { IdempotencyHeadersSchema, replayHeader } from "../idempotency-headers";

/** A spreadsheet upload is larger than any other request; the app's 8 MB limit skips these routes (app.ts). */
const uploadLimit = bodyLimit({
  maxSize: IMPORT_MAX_BODY_BYTES,
  onError: (c) =>
    c.json(
      errorBody("payload_too_large", `Filen är för stor (högst ${Math.floor((IMPORT_MAX_BODY_BYTES * 3) / 4 / 1024 / 1024)} MB). Dela upp den i flera filer.`),
      413,
    ),
});

export const importRoutes = createRouter()
  .openapi(
    createRoute({
      method: "post",
      path: "/imports/preview",
      tags: ["Imports"],
      summary: "Preview a spreadsheet import: every row checked, nothing stored",
      description:
        "CSV (`;`, `,` or tab; UTF-8 with or without BOM, Windows-1252, UTF-16 with BOM) or .xlsx (first sheet), base64 in `content`. The first row names the columns. Without `mapping`, the suggested one is used when it names the commitment and date columns; otherwise `mapping` is null and `rows` empty, so that the columns can be chosen. Each row is `ok`, `error` (each problem named, in Swedish) or `duplicate` (already stored).",
      middleware: [requirePermission("activity.log"), uploadLimit] as const,
      request: jsonBody(ImportFileSchema),
      responses: {
        200: json(ImportPreviewSchema, "The file as it would be imported"),
        ...errorsFor(400, 401, 403, 413, 422),
      },
    }),
    async (c) => {
      const preview = await previewImport({
        db: c.get("store").db,
        file: c.req.valid("json"),
        now: c.get("now")(),
        actor: { author: authorOf(c.get("principal")) },
      });
      return c.json(preview, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/imports",
      tags: ["Imports"],
      summary: "Import a spreadsheet: its valid rows in one transaction",
      description:
        "The file is read and every row checked again as in the preview. All `ok` rows are stored in one transaction, as one import (one `activity.import` audit row); duplicates are skipped and counted, rows with problems are not imported and are listed in `errors`. When every row has problems: 422, nothing stored. Re-importing the same file creates nothing. Honours `Idempotency-Key`.",
      middleware: [requirePermission("activity.log"), uploadLimit] as const,
      request: { headers: IdempotencyHeadersSchema, ...jsonBody(ImportFileSchema) },
      responses: {
        201: json(ImportResultSchema, "What was imported, skipped and refused"),
        ...errorsFor(400, 401, 403, 409, 413, 422),
      },
    }),
    async (c) => {
      const file = c.req.valid("json");
      const key = c.req.valid("header")["idempotency-key"];
      const now = c.get("now")();
      const actor = { author: authorOf(c.get("principal")) };
      // Reading the file is pure work and may wait (.xlsx): before the write transaction, not in it.
      const read = await readImportFile(file);
      requireMapping(read);
      const result = await c.get("writes").run((db) =>
        withIdempotency(db, key, "POST /api/imports", file, async () => ({ status: 201, body: await runImport({ db, read, now, actor }) })),
      );
      return c.json(result.body as ImportResult, 201, result.replayed ? replayHeader : {});
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/imports/template.csv",
      tags: ["Imports"],
      summary: "The import template: Swedish headers and one example row",
      description: "`Åtagande-id;Datum;Antal;Aktör;Plats;Anteckning`, in the CSV dialect of the other downloads (`;`, UTF-8 with BOM, CRLF).",
      responses: {
        200: csvContent("`importmall-aktiviteter.csv`, as an attachment"),
        ...errorsFor(401),
      },
    }),
    (c) => csvResponse(c, importTemplate()),
  );
