/** REST: CSV imports of customers or companies (managers, admins, API keys with customers:write). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { importIdParams, importListQuery, importStartQuery } from "./imports.schemas.ts";
import { presentImport } from "./imports.presenter.ts";
import { getImport, listImports, startImport } from "./imports.service.ts";
import { receiveCsvUpload } from "./imports.upload.ts";

/** Routes under /api/v1/imports. */
export function importsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.use((req, _res, next) => {
    assertCan(currentActor(req), "customer.import");
    next();
  });
  router.post("/", async (req, res) => {
    // The query is checked before the body is read: a wrong kind costs no upload.
    parseInput(importStartQuery, req.query);
    const upload = await receiveCsvUpload(req);
    const { kind, filename } = parseInput(importStartQuery, { filename: upload.filename ?? undefined, ...req.query, ...upload.fields });
    const row = await startImport(deps, currentActor(req), { ...upload.file, kind, filename: filename?.replace(/^.*[\\/]/, "") || null });
    res.status(202).json({ data: presentImport(row) });
  });
  router.get("/", async (req, res) => {
    const query = parseInput(importListQuery, req.query);
    const rows = await listImports(deps, decodeCursor(query.cursor, timeIdCursor), query.limit + 1);
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.createdAt.toISOString(), id: last.id }));
    res.json({ data: page.map(presentImport), nextCursor });
  });
  router.get("/:id", async (req, res) => {
    const { id } = parseInput(importIdParams, req.params);
    res.json({ data: presentImport(await getImport(deps, id)) });
  });
  return router;
}
