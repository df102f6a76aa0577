/** REST: a customer's notes (console sessions and API keys), mounted on /api/v1/customers before the customers router. */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentNote } from "./notes.presenter.ts";
import { listNotesQuery, noteBody, noteCustomerParams, noteParams } from "./notes.schemas.ts";
import { addNote, customerNotes, editNote, removeNote } from "./notes.service.ts";

/** Routes /:id/notes and /:id/notes/:noteId under /api/v1/customers. */
export function notesRoutes(deps: ServiceDeps): Router {
  const router = Router();
  // Per route, not router.use: this router shares /customers with others and must not guard their paths.
  const auth = requireActor(deps);
  router.get("/:id/notes", auth, async (req, res) => {
    assertCan(currentActor(req), "customer.read");
    const { id } = parseInput(noteCustomerParams, req.params);
    const query = parseInput(listNotesQuery, req.query);
    const rows = await customerNotes(deps, id, decodeCursor(query.cursor, timeIdCursor), query.limit + 1);
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.createdAt.toISOString(), id: last.id }));
    res.json({ data: page.map(presentNote), nextCursor });
  });
  router.post("/:id/notes", auth, async (req, res) => {
    assertCan(currentActor(req), "customer.note");
    const { id } = parseInput(noteCustomerParams, req.params);
    const { text } = parseInput(noteBody, req.body ?? {});
    res.status(201).json({ data: presentNote(await addNote(deps, currentActor(req), id, text)) });
  });
  router.patch("/:id/notes/:noteId", auth, async (req, res) => {
    const { id, noteId } = parseInput(noteParams, req.params);
    const { text } = parseInput(noteBody, req.body ?? {});
    res.json({ data: presentNote(await editNote(deps, currentActor(req), id, noteId, text)) });
  });
  router.delete("/:id/notes/:noteId", auth, async (req, res) => {
    const { id, noteId } = parseInput(noteParams, req.params);
    await removeNote(deps, currentActor(req), id, noteId);
    res.status(204).end();
  });
  return router;
}
