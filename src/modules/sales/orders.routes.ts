/** REST: orders (console sessions and API keys). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { changeOrder } from "./order-changes.service.ts";
import { presentOrder } from "./orders.presenter.ts";
import { createOrderBody, listOrdersQuery, orderCursor, orderIdParam, updateOrderBody } from "./orders.schemas.ts";
import { createOrder, getOrder, searchOrders } from "./orders.service.ts";

/** Routes under /api/v1/orders. */
export function ordersRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/", async (req, res) => {
    assertCan(currentActor(req), "order.read");
    const { cursor: rawCursor, limit, ...filter } = parseInput(listOrdersQuery, req.query);
    const cursor = decodeCursor(rawCursor, orderCursor);
    const rows = await searchOrders(deps, filter, cursor, limit + 1);
    const { page, nextCursor } = splitPage(rows, limit, (last) => ({ at: last.placedAtExact, id: last.id }));
    res.json({ data: page.map(presentOrder), nextCursor });
  });
  router.post("/", async (req, res) => {
    assertCan(currentActor(req), "order.create");
    const body = parseInput(createOrderBody, req.body ?? {});
    res.status(201).json({ data: presentOrder(await createOrder(deps, body)) });
  });
  router.get("/:id", async (req, res) => {
    assertCan(currentActor(req), "order.read");
    const { id } = parseInput(orderIdParam, req.params);
    res.json({ data: presentOrder(await getOrder(deps, id)) });
  });
  router.patch("/:id", async (req, res) => {
    assertCan(currentActor(req), "order.edit");
    const { id } = parseInput(orderIdParam, req.params);
    const body = parseInput(updateOrderBody, req.body ?? {});
    res.json({ data: presentOrder(await changeOrder(deps, currentActor(req), id, body)) });
  });
  return router;
}
