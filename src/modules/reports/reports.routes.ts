/** REST: reports for managers and admins. */
import { Router } from "express";
import { z } from "zod";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { topicsCsv } from "./reports.csv.ts";
import { topicsReport } from "./reports.service.ts";
import { staffingBody } from "./reports.schemas.ts";
import { staffingPlan } from "./staffing.service.ts";
import { trendRoutes } from "./trend.routes.ts";
import { alertsRoutes } from "./alerts.routes.ts";

/** Whether "YYYY-MM-DD" names a day that exists (Date would roll "2026-02-30" over to March). */
function isCalendarDate(ymd: string): boolean {
  const [y, m, d] = ymd.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// A date ("2026-11-01", midnight UTC) or a full ISO date-time.
const instant = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/, `${name} must be an ISO date (2026-11-01) or date-time`)
    .refine((s) => isCalendarDate(s.slice(0, 10)), `${name} is not a real date`)
    .transform((s) => new Date(/T/.test(s) ? s : `${s}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()), `${name} is not a real time`)
    .optional();

/** Query of GET /api/v1/reports/topics and topics.csv. */
export const topicsQuery = z
  .object({
    from: instant("from"),
    to: instant("to"),
    channel: z.string().trim().min(1, "channel is empty").max(50).optional(),
    limit: z.coerce.number().int("limit must be a whole number").min(1, "limit must be at least 1").max(100, "limit must be at most 100").default(20),
  })
  .strict();

/** Routes under /api/v1/reports (managers and admins, and API keys with reports:read). */
export function reportsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  router.use((req, _res, next) => {
    assertCan(currentActor(req), "report.read");
    next();
  });
  router.get("/topics", async (req, res) => {
    const query = parseInput(topicsQuery, req.query);
    res.json({ data: await topicsReport(deps, query) });
  });
  router.get("/topics.csv", async (req, res) => {
    assertCan(currentActor(req), "report.export");
    const query = parseInput(topicsQuery, req.query);
    const report = await topicsReport(deps, query);
    res.type("text/csv; charset=utf-8");
    res.attachment(`topics-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv`);
    res.send(topicsCsv(report));
  });
  router.post("/staffing", async (req, res) => {
    const body = parseInput(staffingBody, req.body);
    res.json({ data: await staffingPlan(deps, body) });
  });
  trendRoutes(router, deps);
  alertsRoutes(router, deps);
  return router;
}
