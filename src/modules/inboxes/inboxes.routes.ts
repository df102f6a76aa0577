/** REST: inboxes of every channel (admins, console sessions); channel settings go in, never come out. */
import { Router, type Request } from "express";
import { z } from "zod";
import { INBOX_CHANNELS } from "../../contracts/channels.ts";
import { currentActor, currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { auditCommitted } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { allInboxes, changeInbox, createInbox, presentInbox, removeInbox } from "./inbox-settings.service.ts";
import { findInbox } from "./inboxes.repo.ts";
import { rotateInboxToken } from "./inboxes.service.ts";

const name = z.string({ error: "name is required" }).trim().min(1, "name is required").max(200, "name must be at most 200 characters");
const settings = z.record(z.string(), z.unknown(), { error: "settings must be an object" });

/** Body of POST /api/v1/inboxes. */
export const createInboxBody = z
  .object({
    name,
    channel: z.enum(INBOX_CHANNELS, { error: `channel must be one of ${INBOX_CHANNELS.join(", ")}` }),
    settings: settings.default({}),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
  })
  .strict();

/** Body of PATCH /api/v1/inboxes/:id: a new name, settings fields to replace, enabled or not (the channel cannot change). */
export const changeInboxBody = z
  .object({
    name: name.optional(),
    settings: settings.optional(),
    enabled: z.boolean({ error: "enabled must be true or false" }).optional(),
    csat: z.boolean({ error: "csat must be true or false" }).optional().meta({ description: "Ask this inbox's customers to rate resolved conversations (CSAT); on unless turned off, and only while CSAT=on." }),
  })
  .strict();

/** Path parameters of /api/v1/inboxes/:id. */
export const inboxIdParams = z.object({ id: z.string().min(1).max(200) });

/** Routes under /api/v1/inboxes; `publicUrl` (PUBLIC_URL) makes the webhook URLs shown, else the request's origin. */
export function inboxesRoutes(deps: ServiceDeps, options: { publicUrl?: string }): Router {
  const router = Router();
  const baseUrl = (req: Request): string => options.publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentActor(req), "settings.inboxes");
    next();
  });
  router.get("/", async (req, res) => {
    res.json({ data: (await allInboxes(deps)).map((row) => presentInbox(deps, row, baseUrl(req))) });
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createInboxBody, req.body ?? {});
    const { row, inboxToken } = await createInbox(deps, body);
    // Setting values are secrets: the log names the fields set, never their values.
    const after = { name: row.name, channel: row.channel, enabled: row.enabled, settings: Object.keys(body.settings).sort() };
    await auditCommitted(deps, currentUser(req), { action: "inbox.created", targetType: "inbox", targetId: row.id, after });
    res.status(201).json({ data: { ...presentInbox(deps, row, baseUrl(req)), ...(inboxToken ? { inboxToken } : {}) } });
  });
  // An API-channel inbox's token is shown once: a lost one is replaced, never read back.
  router.post("/:id/token", async (req, res) => {
    const { id } = parseInput(inboxIdParams, req.params);
    const inboxToken = await rotateInboxToken(deps, id);
    await auditCommitted(deps, currentUser(req), { action: "inbox.token_rotated", targetType: "inbox", targetId: id });
    res.status(201).json({ data: { inboxToken } });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(inboxIdParams, req.params);
    const body = parseInput(changeInboxBody, req.body ?? {});
    const before = await findInbox(deps.db, id);
    const inbox = await changeInbox(deps, id, body);
    const after = { name: inbox.name, enabled: inbox.enabled, ...(body.csat === undefined ? {} : { csat: body.csat }), ...(body.settings ? { settingsChanged: Object.keys(body.settings).sort() } : {}) };
    await auditCommitted(deps, currentUser(req), { action: "inbox.updated", targetType: "inbox", targetId: id, before: { name: before?.name ?? null, enabled: before?.enabled ?? null }, after });
    res.json({ data: presentInbox(deps, inbox, baseUrl(req)) });
  });
  router.delete("/:id", async (req, res) => {
    const { id } = parseInput(inboxIdParams, req.params);
    const before = await findInbox(deps.db, id);
    await removeInbox(deps, id);
    await auditCommitted(deps, currentUser(req), { action: "inbox.deleted", targetType: "inbox", targetId: id, before: { name: before?.name ?? null, channel: before?.channel ?? null } });
    res.status(204).end();
  });
  return router;
}
