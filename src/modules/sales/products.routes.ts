/** REST: the product catalogue (console sessions and API keys). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentProduct } from "./products.presenter.ts";
import { createProductBody, listProductsQuery, productCursor, productIdParam, updateProductBody } from "./products.schemas.ts";
import { archiveProduct, createProduct, getProduct, searchProducts, updateProduct } from "./products.service.ts";

/** Routes under /api/v1/products. */
export function productsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/", async (req, res) => {
    assertCan(currentActor(req), "product.read");
    const query = parseInput(listProductsQuery, req.query);
    const cursor = decodeCursor(query.cursor, productCursor);
    const active = query.active === undefined ? undefined : query.active === "true";
    const rows = await searchProducts(deps, { q: query.q, active, cursor, limit: query.limit + 1 });
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ name: last.name, id: last.id }));
    res.json({ data: page.map(presentProduct), nextCursor });
  });
  router.post("/", async (req, res) => {
    assertCan(currentActor(req), "product.write");
    const body = parseInput(createProductBody, req.body ?? {});
    res.status(201).json({ data: presentProduct(await createProduct(deps, body)) });
  });
  router.get("/:id", async (req, res) => {
    assertCan(currentActor(req), "product.read");
    const { id } = parseInput(productIdParam, req.params);
    res.json({ data: presentProduct(await getProduct(deps, id)) });
  });
  router.patch("/:id", async (req, res) => {
    assertCan(currentActor(req), "product.write");
    const { id } = parseInput(productIdParam, req.params);
    const body = parseInput(updateProductBody, req.body ?? {});
    res.json({ data: presentProduct(await updateProduct(deps, id, body)) });
  });
  router.delete("/:id", async (req, res) => {
    assertCan(currentActor(req), "product.write");
    const { id } = parseInput(productIdParam, req.params);
    await archiveProduct(deps, id);
    res.status(204).end();
  });
  return router;
}
