/** REST: deals, pipeline stages and the pipeline (console sessions and API keys). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentDeal, presentStage, presentStageChange } from "./deals.presenter.ts";
import { createDealBody, createStageBody, draftQuery, idParam, listDealsQuery, pipelineQuery, updateDealBody, updateStageBody } from "./deals.schemas.ts";
import { createDeal, dealHistory, deleteDeal, getDeal, listDeals, updateDeal } from "./deals.service.ts";
import { draftForConversation } from "./draft.service.ts";
import { getPipeline } from "./pipeline.service.ts";
import { addStage, deleteStage, listStages, updateStage } from "./stages.service.ts";

/** Routes under /api/v1/deals. */
export function dealsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/stages", async (req, res) => {
    assertCan(currentActor(req), "deal.read", "unassigned");
    res.json({ data: (await listStages(deps)).map(presentStage) });
  });
  router.post("/stages", async (req, res) => {
    assertCan(currentActor(req), "pipeline.configure");
    const body = parseInput(createStageBody, req.body ?? {});
    res.status(201).json({ data: presentStage(await addStage(deps, body)) });
  });
  router.patch("/stages/:id", async (req, res) => {
    assertCan(currentActor(req), "pipeline.configure");
    const { id } = parseInput(idParam, req.params);
    const body = parseInput(updateStageBody, req.body ?? {});
    res.json({ data: presentStage(await updateStage(deps, id, body)) });
  });
  router.delete("/stages/:id", async (req, res) => {
    assertCan(currentActor(req), "pipeline.configure");
    const { id } = parseInput(idParam, req.params);
    await deleteStage(deps, id);
    res.status(204).end();
  });
  router.get("/pipeline", async (req, res) => {
    const actor = currentActor(req);
    assertCan(actor, "deal.read", "unassigned");
    const query = parseInput(pipelineQuery, req.query);
    res.json({ data: await getPipeline(deps, actor, query) });
  });
  router.get("/draft", async (req, res) => {
    assertCan(currentActor(req), "deal.create");
    const { conversationId } = parseInput(draftQuery, req.query);
    res.json({ data: await draftForConversation(deps, conversationId) });
  });
  router.get("/", async (req, res) => {
    const query = parseInput(listDealsQuery, req.query);
    const cursor = decodeCursor(query.cursor, timeIdCursor);
    const rows = await listDeals(deps, currentActor(req), query, cursor);
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.deal.createdAt.toISOString(), id: last.deal.id }));
    res.json({ data: page.map(presentDeal), nextCursor });
  });
  router.post("/", async (req, res) => {
    assertCan(currentActor(req), "deal.create");
    const body = parseInput(createDealBody, req.body ?? {});
    res.status(201).json({ data: presentDeal(await createDeal(deps, currentActor(req), body)) });
  });
  router.get("/:id", async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    res.json({ data: presentDeal(await getDeal(deps, currentActor(req), id)) });
  });
  router.get("/:id/history", async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    res.json({ data: (await dealHistory(deps, currentActor(req), id)).map(presentStageChange) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const body = parseInput(updateDealBody, req.body ?? {});
    res.json({ data: presentDeal(await updateDeal(deps, currentActor(req), id, body)) });
  });
  router.delete("/:id", async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    await deleteDeal(deps, currentActor(req), id);
    res.status(204).end();
  });
  return router;
}
