/** REST: labels (admins define them; everyone reads them) and a conversation's labels (console users). */
import { Router } from "express";
import { z } from "zod";
import { currentActor, currentUser, requireActor, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { intentList, nameField, uuidParams } from "../settings/settings.schemas.ts";
import { changeLabel, createLabel, listLabels, presentLabel, removeLabel, setConversationLabels } from "./labels.service.ts";

const color = z.string({ error: "color is required" }).regex(/^#[0-9a-fA-F]{6}$/, "color must be a hex colour such as #3366cc").transform((c) => c.toLowerCase());

/** Body of POST /api/v1/labels. */
export const createLabelBody = z.object({ name: nameField().max(50, "name must be at most 50 characters"), color, intents: intentList.optional() }).strict();

/** Body of PATCH /api/v1/labels/:id. */
export const changeLabelBody = createLabelBody
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, color, intents");

/** Path parameters of /api/v1/labels/:id and /api/v1/conversations/:id/labels. */
export const labelIdParams = uuidParams;

/** Body of PUT /api/v1/conversations/:id/labels: label ids or names; the conversation gets exactly these. */
export const conversationLabelsBody = z
  .object({
    labels: z
      .array(z.string().trim().min(1, "a label is empty").max(200), { error: "labels must be a list of label ids or names" })
      .max(50, "at most 50 labels"),
  })
  .strict();

/** Routes under /api/v1/labels. */
export function labelsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.get("/", requireActor(deps), async (req, res) => {
    assertCan(currentActor(req), "conversation.read");
    res.json({ data: (await listLabels(deps)).map(presentLabel) });
  });
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "settings.labels");
    next();
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createLabelBody, req.body ?? {});
    res.status(201).json({ data: presentLabel(await createLabel(deps, currentUser(req), body)) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(labelIdParams, req.params);
    const body = parseInput(changeLabelBody, req.body ?? {});
    res.json({ data: presentLabel(await changeLabel(deps, currentUser(req), id, body)) });
  });
  router.delete("/:id", async (req, res) => {
    const { id } = parseInput(labelIdParams, req.params);
    await removeLabel(deps, currentUser(req), id);
    res.status(204).end();
  });
  return router;
}

/** Routes under /api/v1/conversations/:id/labels. */
export function conversationLabelsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.put("/:id/labels", requireUser(deps), async (req, res) => {
    const { id } = parseInput(labelIdParams, req.params);
    assertCan(currentUser(req), "conversation.label");
    const body = parseInput(conversationLabelsBody, req.body ?? {});
    res.json({ data: await setConversationLabels(deps, id, body.labels) });
  });
  return router;
}
