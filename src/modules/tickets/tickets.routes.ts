/** REST: ticket lists, one ticket with its events, and agents' changes. */
import { Router, type RequestHandler } from "express";
import { z } from "zod";
import type { TicketEventDTO, TicketWithEventsDTO } from "../../contracts/api.ts";
import { AppError } from "../../errors.ts";
import { currentActor, requireActor } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { cursorParam, decodeCursor, limitSchema, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, assertMayChangeTicket } from "../policy/index.ts";
import { presentTickets } from "./tickets.presenter.ts";
import { listTicketEvents, listTickets, type TicketEventWithActor, type TicketRow } from "./tickets.repo.ts";
import { getTicket, updateTicket, type Actor } from "./tickets.service.ts";

const statuses = ["open", "pending", "resolved"] as const;
/** Query of GET /api/v1/tickets. */
export const ticketListQuery = z.object({
  status: z.enum([...statuses, "all", "unresolved"], { error: "status must be one of open, pending, resolved, unresolved, all" }).default("unresolved"),
  assignee: z.union([z.literal("me"), z.literal("unassigned"), z.uuid()], { error: 'assignee must be "me", "unassigned" or a user id' }).optional(),
  limit: limitSchema,
  cursor: cursorParam,
});
/** Path parameters of /api/v1/tickets/:id. */
export const ticketIdParams = z.object({ id: z.uuid("id must be a UUID") });
/** Body of PATCH /api/v1/tickets/:id. */
export const ticketPatchBody = z
  .object({
    status: z.enum(statuses, { error: "status must be one of open, pending, resolved" }).optional(),
    priority: z.enum(["low", "normal", "high", "urgent"], { error: "priority must be one of low, normal, high, urgent" }).optional(),
    assigneeId: z.uuid("assigneeId must be a user id or null").nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of status, priority, assigneeId");

function presentEvent(e: TicketEventWithActor): TicketEventDTO {
  return { id: e.id, type: e.type, actorType: e.actorType, actorId: e.actorId, actorName: e.actorName, data: e.data, createdAt: e.createdAt.toISOString() };
}

/** Routes under /api/v1/tickets: console users, and API keys with tickets:read (reading) or tickets:write (changing). */
export function ticketsRoutes(deps: ServiceDeps): Router {
  const router = Router();
  router.use(requireActor(deps));
  // Reading needs ticket.read; a change is checked action by action (a key with tickets:write alone may change a
  // ticket and see the result, without reading the list).
  const mayRead: RequestHandler = (req, _res, next) => {
    assertCan(currentActor(req), "ticket.read");
    next();
  };
  router.get("/", mayRead, async (req, res) => {
    const query = parseInput(ticketListQuery, req.query);
    const actor = currentActor(req);
    if (query.assignee === "me" && actor.kind === "api_key") {
      throw new AppError("VALIDATION_FAILED", 'assignee "me" names the console user asking; an API key has no tickets of its own', { assignee: '"me" needs a console session' });
    }
    const cursor = decodeCursor(query.cursor, timeIdCursor);
    const statusFilter: TicketRow["status"][] | null =
      query.status === "all" ? null : query.status === "unresolved" ? ["open", "pending"] : [query.status];
    const assigneeId = query.assignee === "me" ? actor.id : query.assignee === "unassigned" ? null : query.assignee;
    const rows = await listTickets(deps.db, { statuses: statusFilter, assigneeId }, cursor, query.limit + 1);
    const { page, nextCursor } = splitPage(rows, query.limit, (last) => ({ at: last.updatedAt.toISOString(), id: last.id }));
    res.json({ data: await presentTickets(deps.db, page), nextCursor });
  });
  router.get("/:id", mayRead, async (req, res) => {
    const { id } = parseInput(ticketIdParams, req.params);
    const [dto] = await presentTickets(deps.db, [await getTicket(deps, id)]);
    const events = await listTicketEvents(deps.db, id);
    const data: TicketWithEventsDTO = { ...dto, events: events.map(presentEvent) };
    res.json({ data });
  });
  router.patch("/:id", async (req, res) => {
    const { id } = parseInput(ticketIdParams, req.params);
    const body = parseInput(ticketPatchBody, req.body ?? {});
    const actor = currentActor(req);
    // A key assigning a ticket to a user is ticket.assign (tickets:write); taking one (assigning it to yourself) is a person's act.
    // The check runs on the ticket as the change is applied to it (see updateTicket).
    const by: Actor = actor.kind === "api_key" ? { type: "api_key", id: actor.id } : { type: "agent", id: actor.id };
    const ticket = await updateTicket(deps, id, body, by, (current) => assertMayChangeTicket(actor, current, body));
    const [dto] = await presentTickets(deps.db, [ticket]);
    res.json({ data: dto });
  });
  return router;
}
