/** REST: campaigns (managers and admins, console sessions). */
import { Router } from "express";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { decodeCursor, splitPage } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentCampaign } from "./campaigns.presenter.ts";
import { campaignCursor, campaignIdParam, createCampaignBody, forecastBody, listCampaignsQuery, optOutBody } from "./campaigns.schemas.ts";
import { campaignResults, createCampaign, forecast, getCampaign, listCampaigns, optOutCustomer, pauseCampaign, startCampaign } from "./campaigns.service.ts";

/** Routes under /api/v1/campaigns. */
export function campaignsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.get("/", async (req, res) => {
    assertCan(currentActor(req), "campaign.read");
    const query = parseInput(listCampaignsQuery, req.query);
    const cursor = decodeCursor(query.cursor, campaignCursor);
    const rows = await listCampaigns(deps, cursor, query.limit + 1);
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.createdAt.toISOString(), id: last.id }));
    res.json({ data: page.map(presentCampaign), nextCursor });
  });
  router.post("/", async (req, res) => {
    assertCan(currentActor(req), "campaign.write");
    const body = parseInput(createCampaignBody, req.body ?? {});
    res.status(201).json({ data: presentCampaign(await createCampaign(deps, currentActor(req), body)) });
  });
  router.post("/forecast", async (req, res) => {
    assertCan(currentActor(req), "campaign.read");
    res.json({ data: await forecast(deps, parseInput(forecastBody, req.body ?? {})) });
  });
  router.post("/opt-outs", async (req, res) => {
    assertCan(currentActor(req), "campaign.write");
    const { customerId } = parseInput(optOutBody, req.body ?? {});
    await optOutCustomer(deps, customerId);
    res.status(204).end();
  });
  router.get("/:id", async (req, res) => {
    assertCan(currentActor(req), "campaign.read");
    const { id } = parseInput(campaignIdParam, req.params);
    res.json({ data: presentCampaign(await getCampaign(deps, id)) });
  });
  router.get("/:id/results", async (req, res) => {
    assertCan(currentActor(req), "campaign.read");
    const { id } = parseInput(campaignIdParam, req.params);
    res.json({ data: await campaignResults(deps, id) });
  });
  router.post("/:id/start", async (req, res) => {
    assertCan(currentActor(req), "campaign.write");
    const { id } = parseInput(campaignIdParam, req.params);
    res.json({ data: presentCampaign(await startCampaign(deps, id)) });
  });
  router.post("/:id/pause", async (req, res) => {
    assertCan(currentActor(req), "campaign.write");
    const { id } = parseInput(campaignIdParam, req.params);
    res.json({ data: presentCampaign(await pauseCampaign(deps, id)) });
  });
  return router;
}
