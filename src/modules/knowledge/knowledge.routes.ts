/** REST: the bot's answers (knowledge-base articles), the bot preview, and retraining the intent model. */
import { Router } from "express";
import { currentActor, currentUser, requireActor, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentArticle, presentTraining } from "./knowledge.presenter.ts";
import { articleIdParams, changeArticleBody, createArticleBody, previewBody, trainBody } from "./knowledge.schemas.ts";
import { changeArticle, createArticle, getArticle, listArticles, removeArticle } from "./knowledge.service.ts";
import { previewQuestion, type BotPreviewPort } from "./preview.service.ts";
import { getTraining, recentTrainings, requestTraining } from "./training.service.ts";

/** Routes under /api/v1/kb-articles: everyone reads, admins write and preview. */
export function kbArticlesRoutes(deps: ServiceDeps, ports: { previewBot: BotPreviewPort }): Router {
  const router = Router();
  router.get("/", requireActor(deps), async (req, res) => {
    assertCan(currentActor(req), "conversation.read");
    res.json({ data: (await listArticles(deps)).map(presentArticle) });
  });
  router.use(requireUser(deps));
  router.post("/preview", async (req, res) => {
    assertCan(currentUser(req), "settings.kb");
    const { text } = parseInput(previewBody, req.body ?? {});
    res.json({ data: await previewQuestion(deps, ports.previewBot, text) });
  });
  router.get("/:id", async (req, res) => {
    assertCan(currentUser(req), "conversation.read");
    const { id } = parseInput(articleIdParams, req.params);
    res.json({ data: presentArticle(await getArticle(deps, id)) });
  });
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "settings.kb");
    next();
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createArticleBody, req.body ?? {});
    res.status(201).json({ data: presentArticle(await createArticle(deps, currentUser(req), body)) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(articleIdParams, req.params);
    const body = parseInput(changeArticleBody, req.body ?? {});
    res.json({ data: presentArticle(await changeArticle(deps, currentUser(req), id, body)) });
  });
  router.delete("/:id", async (req, res) => {
    const { id } = parseInput(articleIdParams, req.params);
    await removeArticle(deps, currentUser(req), id);
    res.status(204).end();
  });
  return router;
}

/** Routes under /api/v1/intent-model (admins): start a retraining, follow it. */
export function intentModelRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "settings.kb");
    next();
  });
  router.post("/train", async (req, res) => {
    parseInput(trainBody, req.body ?? {});
    res.status(202).json({ data: presentTraining(await requestTraining(deps, currentUser(req))) });
  });
  router.get("/train", async (_req, res) => {
    res.json({ data: (await recentTrainings(deps)).map(presentTraining) });
  });
  router.get("/train/:id", async (req, res) => {
    const { id } = parseInput(articleIdParams, req.params);
    res.json({ data: presentTraining(await getTraining(deps, id)) });
  });
  return router;
}
