/** REST: the negative-sentiment alerts (list, acknowledge) for managers and admins. */
import type { Router } from "express";
import { z } from "zod";
import { currentActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { cursorParam, decodeCursor, limitSchema, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { acknowledgeAlert, alertsPage } from "./alerts.service.ts";

/** Query of GET /api/v1/reports/alerts. */
export const alertsQuery = z
  .object({
    status: z.enum(["open", "acknowledged"], { error: "status must be open or acknowledged" }).default("open"),
    cursor: cursorParam,
    limit: limitSchema,
  })
  .strict();

/** Path of POST /api/v1/reports/alerts/:id/acknowledge. */
export const alertIdParams = z.object({ id: z.uuid("id must be an alert id") });

/** Adds GET /alerts and POST /alerts/:id/acknowledge to the reports router (whose caller checked report.read). */
export function alertsRoutes(router: Router, deps: ServiceDeps): void {
  router.get("/alerts", async (req, res) => {
    const { status, cursor, limit } = parseInput(alertsQuery, req.query);
    const rows = await alertsPage(deps, status, decodeCursor(cursor, timeIdCursor), limit + 1);
    const { page, nextCursor } = splitPage(rows, limit, (last) => ({ at: last.raisedAt, id: last.id }));
    res.json({ data: page, nextCursor });
  });
  router.post("/alerts/:id/acknowledge", async (req, res) => {
    const { id } = parseInput(alertIdParams, req.params);
    const actor = currentActor(req);
    res.json({ data: await acknowledgeAlert(deps, id, actor.kind === "api_key" ? null : actor.id) });
  });
}
