/** REST: API keys (admins, from the console). */
import { Router } from "express";
import { z } from "zod";
import { API_SCOPES } from "../../contracts/permissions.ts";
import { currentActor, currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { auditCommitted } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { allApiKeys, createApiKey, presentApiKey, revokeKey } from "./apikeys.service.ts";

/** Body of POST /api/v1/api-keys. */
export const createApiKeyBody = z
  .object({
    name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(200),
    scopes: z.array(z.enum(API_SCOPES, { error: `each scope must be one of ${API_SCOPES.join(", ")}` })).min(1, "give at least one scope"),
  })
  .strict();

/** Path parameters of DELETE /api/v1/api-keys/:id. */
export const apiKeyIdParams = z.object({ id: z.uuid("id must be a UUID") });

/** Routes under /api/v1/api-keys: console sessions of admins only (a key cannot make keys). */
export function apiKeysRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentActor(req), "settings.apikeys");
    next();
  });
  router.get("/", async (_req, res) => {
    res.json({ data: (await allApiKeys(deps)).map(presentApiKey) });
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createApiKeyBody, req.body ?? {});
    const { key, token } = await createApiKey(deps, { ...body, createdBy: currentActor(req).id });
    await auditCommitted(deps, currentUser(req), { action: "api_key.created", targetType: "api_key", targetId: key.id, after: { name: key.name, scopes: key.scopes } });
    res.status(201).json({ data: { ...presentApiKey(key), token } });
  });
  router.delete("/:id", async (req, res) => {
    const { id } = parseInput(apiKeyIdParams, req.params);
    const key = await revokeKey(deps, id);
    await auditCommitted(deps, currentUser(req), { action: "api_key.revoked", targetType: "api_key", targetId: id, before: { revoked: false }, after: { name: key.name, revoked: true } });
    res.json({ data: presentApiKey(key) });
  });
  return router;
}
