/** REST: teams, for admins: list, add, change (members, inboxes, intents). */
import { Router } from "express";
import { z } from "zod";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { intentList, nameField, uuidList, uuidParams } from "./settings.schemas.ts";
import { changeTeam, createTeam, listTeams, presentTeam } from "./teams.service.ts";

const inboxIds = z
  .array(z.string().min(1, "an inbox id is empty").max(200), { error: "inboxIds must be a list of inbox ids" })
  .max(100, "inboxIds may list at most 100 inboxes")
  .transform((list) => [...new Set(list)]);

/** Body of POST /api/v1/teams. */
export const createTeamBody = z
  .object({ name: nameField(), memberIds: uuidList("memberIds").optional(), inboxIds: inboxIds.optional(), intents: intentList.optional() })
  .strict();

/** Body of PATCH /api/v1/teams/:id. */
export const changeTeamBody = createTeamBody
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, memberIds, inboxIds, intents");

/** Path parameters of /api/v1/teams/:id. */
export const teamIdParams = uuidParams;

/** Routes under /api/v1/teams (admins only). */
export function teamsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "settings.teams");
    next();
  });
  router.get("/", async (_req, res) => {
    res.json({ data: (await listTeams(deps)).map(presentTeam) });
  });
  router.post("/", async (req, res) => {
    const body = parseInput(createTeamBody, req.body ?? {});
    res.status(201).json({ data: presentTeam(await createTeam(deps, currentUser(req), body)) });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(teamIdParams, req.params);
    const body = parseInput(changeTeamBody, req.body ?? {});
    res.json({ data: presentTeam(await changeTeam(deps, currentUser(req), id, body)) });
  });
  return router;
}
