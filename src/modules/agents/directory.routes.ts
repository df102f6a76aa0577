/** REST: the agents and teams a ticket can be assigned to, with presence and load (the console's assignment picker). */
import { Router } from "express";
import { z } from "zod";
import type { AgentDTO, AssignableTeamDTO } from "../../contracts/api.ts";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { listAgentsWithLoad, listTeamsWithLoad } from "./directory.repo.ts";

/** Query of GET /api/v1/agents. */
export const agentListQuery = z.object({
  withLoad: z
    .enum(["0", "1", "true", "false"], { error: "withLoad must be 1 or 0" })
    .optional()
    .meta({ description: "1: each agent's `openConversations` (unresolved tickets assigned to them) is counted." }),
});

/** Routes under /api/v1/agents (console users who may see tickets). */
export function agentDirectoryRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "ticket.read");
    next();
  });
  router.get("/", async (req, res) => {
    const { withLoad } = parseInput(agentListQuery, req.query);
    const counted = withLoad === "1" || withLoad === "true";
    const rows = await listAgentsWithLoad(deps.db);
    const data: AgentDTO[] = rows.map((row) => ({ ...row, openConversations: counted ? row.openConversations : null }));
    res.json({ data });
  });
  router.get("/teams", async (_req, res) => {
    const data: AssignableTeamDTO[] = await listTeamsWithLoad(deps.db);
    res.json({ data });
  });
  return router;
}
