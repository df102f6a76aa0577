/** REST: ticket lists, one ticket with its events, and agents' changes. */
import { Router, type RequestHandler } from "express";
import { z } from "zod";
import type { TicketEventDTO, TicketWithEventsDTO } from "../../contracts/api.ts";
import { AppError } from "../../errors.ts";
import { currentActor, currentUser, requireActor, requireUser } from "../../http/middlewares/auth.ts";
import { parseInput } from "../../http/middlewares/validate.ts";
import { cursorParam, decodeCursor, limitSchema, splitPage, timeIdCursor } from "../../http/pagination.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, assertMayChangeTicket } from "../policy/index.ts";
import { presentTickets } from "./tickets.presenter.ts";
import { listTicketEvents, listTickets, type TicketEventWithActor, type TicketRow } from "./tickets.repo.ts";
import { getTicket, updateTicket, type Actor, type TicketPatch } from "./tickets.service.ts";
import { transferTicket } from "./transfer.service.ts";

const statuses = ["open", "pending", "resolved"] as const;
/** Query of GET /api/v1/tickets. */
export const ticketListQuery = z.object({
  status: z.enum([...statuses, "all", "unresolved"], { error: "status must be one of open, pending, resolved, unresolved, all" }).default("unresolved"),
  assignee: z.union([z.literal("me"), z.literal("unassigned"), z.uuid()], { error: 'assignee must be "me", "unassigned" or a user id' }).optional(),
  snoozed: z
    .enum(["hide", "only", "all"], { error: "snoozed must be one of hide, only, all" })
    .default("hide")
    .meta({ description: "Snoozed tickets (snoozedUntil in the future): left out (hide, the default), alone (only), or with the rest (all)." }),
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
    teamId: z.uuid("teamId must be a team id or null").nullable().optional(),
    snoozedUntil: z.iso
      .datetime({ offset: true, error: "snoozedUntil must be an ISO 8601 date-time or null" })
      .nullable()
      .optional()
      .meta({ description: "Snooze until this time (in the future; the ticket leaves the active lists until then), or null to wake it now." }),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of status, priority, assigneeId, teamId, snoozedUntil");
/** Body of POST /api/v1/tickets/:id/transfer. */
export const ticketTransferBody = z
  .object({
    assigneeId: z.uuid("assigneeId must be a user id or null").nullable().optional(),
    teamId: z.uuid("teamId must be a team id or null").nullable().optional(),
    note: z
      .string({ error: "note is required" })
      .trim()
      .min(1, "note is empty")
      .max(2000, "note is longer than 2000 characters")
      .meta({ description: "Why: added as a private note on the conversation, and sent with the assignee's notification." }),
  })
  .strict();

/** A PATCH body as the service takes it (the snooze time as a Date). */
function toPatch(body: z.infer<typeof ticketPatchBody>): TicketPatch {
  const { snoozedUntil, ...rest } = body;
  return snoozedUntil === undefined ? rest : { ...rest, snoozedUntil: snoozedUntil === null ? null : new Date(snoozedUntil) };
}

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
    const snoozed = query.snoozed === "all" ? undefined : { mode: query.snoozed, now: deps.now() };
    const rows = await listTickets(deps.db, { statuses: statusFilter, assigneeId, snoozed }, cursor, query.limit + 1);
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
    const ticket = await updateTicket(deps, id, toPatch(body), by, (current) => assertMayChangeTicket(actor, current, body));
    const [dto] = await presentTickets(deps.db, [ticket]);
    res.json({ data: dto });
  });
  // A transfer's note is a person's private note: a console session only.
  router.post("/:id/transfer", requireUser(deps), async (req, res) => {
    const { id } = parseInput(ticketIdParams, req.params);
    const body = parseInput(ticketTransferBody, req.body ?? {});
    const user = currentUser(req);
    const ticket = await transferTicket(deps, id, body, { id: user.id, name: user.name }, (current) => assertMayChangeTicket(user, current, body));
    const [dto] = await presentTickets(deps.db, [ticket]);
    res.json({ data: dto });
  });
  return router;
}
