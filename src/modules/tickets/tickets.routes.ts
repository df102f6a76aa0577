/** REST: ticket lists, one ticket with its events, and agents' changes. */
import { Router } from "express";
import { z } from "zod";
import { currentUser, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { cursorParam, decodeCursor, limitSchema, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, assertMayChangeTicket } from "../policy/index.ts";
import { presentTickets } from "./tickets.presenter.ts";
import { listTicketEvents, listTickets, type TicketRow } from "./tickets.repo.ts";
import { getTicket, updateTicket } from "./tickets.service.ts";

const statuses = ["open", "pending", "resolved"] as const;
const listQuery = z.object({
  status: z.enum([...statuses, "all", "unresolved"], { error: "status must be one of open, pending, resolved, unresolved, all" }).default("unresolved"),
  assignee: z.union([z.literal("me"), z.literal("unassigned"), z.uuid()], { error: 'assignee must be "me", "unassigned" or a user id' }).optional(),
  limit: limitSchema,
  cursor: cursorParam,
});
const idParam = z.object({ id: z.uuid("id must be a UUID") });
const patchBody = z
  .object({
    status: z.enum(statuses, { error: "status must be one of open, pending, resolved" }).optional(),
    priority: z.enum(["low", "normal", "high", "urgent"], { error: "priority must be one of low, normal, high, urgent" }).optional(),
    assigneeId: z.uuid("assigneeId must be a user id or null").nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of status, priority, assigneeId");

/** Routes under /api/v1/tickets (console users only). */
export function ticketsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireUser(deps));
  router.use((req, _res, next) => {
    assertCan(currentUser(req), "ticket.read");
    next();
  });
  router.get("/", async (req, res) => {
    const query = parseInput(listQuery, req.query);
    const cursor = decodeCursor(query.cursor, timeIdCursor);
    const statusFilter: TicketRow["status"][] | null =
      query.status === "all" ? null : query.status === "unresolved" ? ["open", "pending"] : [query.status];
    const assigneeId = query.assignee === "me" ? currentUser(req).id : query.assignee === "unassigned" ? null : query.assignee;
    const rows = await listTickets(deps.db, { statuses: statusFilter, assigneeId }, cursor, query.limit + 1);
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.updatedAt.toISOString(), id: last.id }));
    res.json({ data: await presentTickets(deps.db, page), nextCursor });
  });
  router.get("/:id", async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const [dto] = await presentTickets(deps.db, [await getTicket(deps, id)]);
    const events = await listTicketEvents(deps.db, id);
    res.json({
      data: {
        ...dto,
        events: events.map((e) => ({ id: e.id, type: e.type, actorType: e.actorType, actorId: e.actorId, data: e.data, createdAt: e.createdAt.toISOString() })),
      },
    });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(idParam, req.params);
    const body = parseInput(patchBody, req.body ?? {});
    const user = currentUser(req);
    assertMayChangeTicket(user, await getTicket(deps, id), body);
    const ticket = await updateTicket(deps, id, body, { type: "agent", id: user.id });
    const [dto] = await presentTickets(deps.db, [ticket]);
    res.json({ data: dto });
  });
  return router;
}
