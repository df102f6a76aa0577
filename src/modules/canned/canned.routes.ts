/** REST: canned replies for console users: list (filled in for a conversation), add, change, delete. */
import { Router } from "express";
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { intentList, uuidParams } from "../settings/settings.schemas.ts";
import { changeCannedReply, createCannedReply, listCannedReplies, presentCannedReply, removeCannedReply, type CannedActor } from "./canned.service.ts";

const shortcut = z
  .string({ error: "shortcut is required" })
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,49}$/i, "shortcut is 1–50 letters, digits, - or _ (typed after / in the reply box)")
  .transform((s) => s.toLowerCase());
const text = z
  .string({ error: "text is required" })
  .refine((t) => t.trim().length > 0, "text is empty")
  .refine((t) => t.length <= MAX_MESSAGE_LENGTH, `text is longer than ${MAX_MESSAGE_LENGTH} characters`);

/** Body of POST /api/v1/canned-replies. */
export const createCannedBody = z
  .object({ shortcut, text, shared: z.boolean({ error: "shared must be true or false" }), intents: intentList.optional() })
  .strict();

/** Body of PATCH /api/v1/canned-replies/:id. */
export const changeCannedBody = createCannedBody
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of shortcut, text, shared, intents");

/** Query of GET /api/v1/canned-replies. */
export const cannedListQuery = z.object({ conversationId: z.uuid("conversationId must be a UUID").optional() }).strict();

/** Path parameters of /api/v1/canned-replies/:id. */
export const cannedIdParams = uuidParams;

/** Routes under /api/v1/canned-replies (console sessions). */
export function cannedRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  const actor = (req: Parameters<typeof currentUser>[0]): CannedActor => {
    const user = currentUser(req);
    return { id: user.id, role: user.role, name: user.name };
  };
  router.get("/", async (req, res) => {
    const query = parseInput(cannedListQuery, req.query);
    res.json({ data: await listCannedReplies(deps, actor(req), query.conversationId) });
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createCannedBody, req.body ?? {});
    res.status(201).json({ data: presentCannedReply(await createCannedReply(deps, actor(req), body)) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(cannedIdParams, req.params);
    const body = parseInput(changeCannedBody, req.body ?? {});
    res.json({ data: presentCannedReply(await changeCannedReply(deps, actor(req), id, body)) });
  });
  router.delete("/:id", async (req, res) => {
    const { id } = parseInput(cannedIdParams, req.params);
    await removeCannedReply(deps, actor(req), id);
    res.status(204).end();
  });
  return router;
}
