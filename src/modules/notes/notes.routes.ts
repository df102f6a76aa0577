/** REST: private notes in a conversation (console users), and the user's notifications. */
import { Router } from "express";
import { z } from "zod";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { cursorParam, decodeCursor, limitSchema, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { uuidParams } from "../settings/settings.schemas.ts";
import { addNote, conversationNotes } from "./notes.service.ts";
import { readNotification, userNotifications } from "./notifications.service.ts";

/** The longest note. */
export const MAX_NOTE_LENGTH = 10_000;

/** Body of POST /api/v1/conversations/:id/notes. */
export const noteBody = z
  .object({
    text: z
      .string({ error: "text is required" })
      .refine((t) => t.trim().length > 0, "text is empty")
      .refine((t) => t.length <= MAX_NOTE_LENGTH, `text is longer than ${MAX_NOTE_LENGTH} characters`),
  })
  .strict();

/** Path parameters of /api/v1/conversations/:id/notes. */
export const noteConversationParams = uuidParams;

/** Query of GET /api/v1/notifications. */
export const notificationsQuery = z.object({ unread: z.enum(["true", "false"], { error: "unread must be true or false" }).optional(), limit: limitSchema, cursor: cursorParam }).strict();

/** Path parameters of POST /api/v1/notifications/:id/read. */
export const notificationIdParams = uuidParams;

/** Routes under /api/v1/conversations/:id/notes. */
export function conversationNotesRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/:id/notes", requireUser(deps), async (req, res) => {
    const { id } = parseInput(noteConversationParams, req.params);
    assertCan(currentUser(req), "conversation.read");
    res.json({ data: await conversationNotes(deps, id) });
  });
  router.post("/:id/notes", requireUser(deps), async (req, res) => {
    const { id } = parseInput(noteConversationParams, req.params);
    const user = currentUser(req);
    assertCan(user, "conversation.note");
    const body = parseInput(noteBody, req.body ?? {});
    res.status(201).json({ data: await addNote(deps, user, id, body.text) });
  });
  return router;
}

/** Routes under /api/v1/notifications: the user's own. */
export function notificationsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.get("/", async (req, res) => {
    const query = parseInput(notificationsQuery, req.query);
    const cursor = decodeCursor(query.cursor, timeIdCursor);
    const rows = await userNotifications(deps, currentUser(req).id, {
      unread: query.unread === "true",
      before: cursor ? { at: new Date(cursor.at), id: cursor.id } : undefined,
      limit: query.limit + 1,
    });
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.createdAt, id: last.id }));
    res.json({ data: page, nextCursor });
  });
  router.post("/:id/read", async (req, res) => {
    const { id } = parseInput(notificationIdParams, req.params);
    res.json({ data: await readNotification(deps, currentUser(req).id, id) });
  });
  return router;
}
