/** REST: custom attribute definitions (GET for anyone who reads customers; POST and DELETE for admins). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { attributeDefinitions, defineAttribute, presentAttributeDefinition, removeAttribute } from "./attributes.service.ts";
import { attributeParams, defineAttributeBody, listAttributesQuery } from "./customers.schemas.ts";

/** Routes under /api/v1/attributes (console sessions or API keys). */
export function attributesRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/", async (req, res) => {
    assertCan(currentActor(req), "customer.read");
    const { entity } = parseInput(listAttributesQuery, req.query);
    res.json({ data: (await attributeDefinitions(deps, entity)).map(presentAttributeDefinition) });
  });
  router.post("/", async (req, res) => {
    assertCan(currentActor(req), "attribute.define");
    const body = parseInput(defineAttributeBody, req.body ?? {});
    res.status(201).json({ data: presentAttributeDefinition(await defineAttribute(deps, body)) });
  });
  router.delete("/:entity/:key", async (req, res) => {
    assertCan(currentActor(req), "attribute.define");
    const { entity, key } = parseInput(attributeParams, req.params);
    await removeAttribute(deps, entity, key);
    res.status(204).end();
  });
  return router;
}
