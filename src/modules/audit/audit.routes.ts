/** REST: the audit log of settings changes (admins). */
import { Router } from "express";
import { z } from "zod";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { cursorParam, decodeCursor, encodeCursor, limitSchema } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan } from "../policy/index.ts";
import { presentAuditEntry, readAuditLog } from "./audit.service.ts";

const instant = (field: string) => z.iso.datetime({ offset: true, error: `${field} must be an ISO 8601 date-time` }).transform((s) => new Date(s));

/** Query of GET /api/v1/audit-log. */
export const auditLogQuery = z
  .object({
    actor: z.uuid("actor must be a user id").optional(),
    action: z.string().trim().min(1, "action is empty").max(100, "action is longer than 100 characters").optional(),
    from: instant("from").optional(),
    to: instant("to").optional(),
    limit: limitSchema,
    cursor: cursorParam,
  })
  .strict();

const idCursor = z.object({ before: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict();

/** Routes under /api/v1/audit-log. */
export function auditRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.get("/", async (req, res) => {
    assertCan(currentUser(req), "settings.audit");
    const query = parseInput(auditLogQuery, req.query);
    const cursor = decodeCursor(query.cursor, idCursor);
    const { rows, more } = await readAuditLog(deps, { actorId: query.actor, action: query.action, from: query.from, to: query.to, beforeId: cursor?.before }, query.limit);
    const last = rows.at(-1);
    res.json({ data: rows.map(presentAuditEntry), nextCursor: more && last ? encodeCursor({ before: last.id }) : null });
  });
  return router;
}
