/** REST: the customer list and search, adding, reading and changing a customer, and tagging many at once. */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, customerScope } from "../policy/index.ts";
import { loadLiveCustomer } from "./customers.actors.ts";
import { bulkTagsBody, createCustomerBody, customerIdParam, listCustomersQuery, patchCustomerBody } from "./customers.schemas.ts";
import { getCustomerProfile, presentProfile } from "./profile.service.ts";
import { bulkTagCustomers, createCustomer, customerScopes, updateCustomerRecord } from "./records.service.ts";
import { listCustomers } from "./search.service.ts";

/** Routes under /api/v1/customers (console sessions or API keys). */
export function customersRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/", async (req, res) => {
    assertCan(currentActor(req), "customer.read");
    res.json(await listCustomers(deps, parseInput(listCustomersQuery, req.query)));
  });
  router.post("/", async (req, res) => {
    const actor = currentActor(req);
    assertCan(actor, "customer.create");
    const body = parseInput(createCustomerBody, req.body ?? {});
    res.status(201).json({ data: await presentProfile(deps, await createCustomer(deps, actor, body)) });
  });
  // Before /:id, which would otherwise answer it with a 400 (not a UUID).
  router.post("/bulk-tags", async (req, res) => {
    const actor = currentActor(req);
    const body = parseInput(bulkTagsBody, req.body ?? {});
    // Every record must be the actor's to edit, or nothing changes.
    for (const scope of (await customerScopes(deps, actor, body.ids)).values()) assertCan(actor, "customer.edit", scope);
    res.json({ data: await bulkTagCustomers(deps, actor, body) });
  });
  router.get("/:id", async (req, res) => {
    assertCan(currentActor(req), "customer.read");
    const { id } = parseInput(customerIdParam, req.params);
    res.json({ data: await getCustomerProfile(deps, id) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(customerIdParam, req.params);
    const body = parseInput(patchCustomerBody, req.body ?? {});
    const actor = currentActor(req);
    await loadLiveCustomer(deps, id);
    assertCan(actor, "customer.edit", await customerScope(deps, actor, id));
    res.json({ data: await presentProfile(deps, await updateCustomerRecord(deps, actor, id, body)) });
  });
  return router;
}
