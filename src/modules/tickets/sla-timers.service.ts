/**
 * SLA timers of tickets: due times computed (in the inbox's business hours when its policy says so) and stored when a
 * ticket opens or changes priority; agent replies and resolution meet them; a scan records warnings and breaches once
 * and escalates a breach (priority one step up, the team's managers notified).
 */
import type { TicketPriority } from "../../contracts/api.ts";
import type { BusinessHours, SlaMetric } from "../../contracts/sla.ts";
import type { DomainEvents } from "../../events.ts";
import { childLogger } from "../../logger.ts";
import { getConversation } from "../conversations/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { addBusinessTime, businessHoursOf, slaPolicyForPriority, type SlaPolicyRow } from "../sla/index.ts";
import { findActiveTicketForConversation, findTicket, updateTicketWithEvents, type TicketRow } from "./tickets.repo.ts";
import {
  insertSlaNotifications,
  managersForInbox,
  recordBreach,
  recordWarning,
  retimeTarget,
  satisfyTargets,
  startTarget,
  targetsOfTicket,
  targetsToAlert,
  type SlaTargetRow,
} from "./sla-timers.repo.ts";

const log = childLogger("sla");

/** The bull job that scans for warnings and breaches. */
export const SLA_SCAN_JOB = "sla.scan";
/** How many targets one scan handles at most (the next scan takes the rest). */
const SCAN_BATCH = 500;
/** The priority one step above each (urgent stays urgent). */
const NEXT_PRIORITY: Record<TicketPriority, TicketPriority> = { low: "normal", normal: "high", high: "urgent", urgent: "urgent" };
const MINUTE = 60_000;

function minutesFor(policy: SlaPolicyRow, metric: SlaMetric): number {
  if (metric === "first_response") return policy.firstResponseMinutes;
  if (metric === "next_response") return policy.nextResponseMinutes;
  return policy.resolutionMinutes;
}

/** The warning and due instants of a target started at `start` under a policy (in business hours when it counts them). */
export function slaInstants(policy: SlaPolicyRow, hours: BusinessHours | null, metric: SlaMetric, start: Date): { warnAt: Date; dueAt: Date } {
  const counted = policy.businessHours ? hours : null;
  const total = minutesFor(policy, metric) * MINUTE;
  return { warnAt: addBusinessTime(counted, start, Math.round((total * policy.warnAtPercent) / 100)), dueAt: addBusinessTime(counted, start, total) };
}

async function hoursOfTicket(deps: Pick<ServiceDeps, "db">, ticket: TicketRow): Promise<BusinessHours | null> {
  const conversation = await getConversation(deps, ticket.conversationId);
  return businessHoursOf(deps, conversation.inboxId).catch(() => null);
}

/**
 * Brings a ticket's SLA targets up to date with the ticket: starts first response and resolution when it opens, re-times
 * running targets after a priority change (never into the past: a target whose new due time has passed keeps the old one,
 * so an escalation does not breach again at once), stops every target when it is resolved. True when anything changed.
 */
export async function syncTicketSla(deps: Pick<ServiceDeps, "db" | "now">, ticketId: string): Promise<boolean> {
  const ticket = await findTicket(deps.db, ticketId);
  if (!ticket) return false;
  if (ticket.status === "resolved") {
    return (await satisfyTargets(deps.db, ticket.id, ["first_response", "next_response", "resolution"], ticket.resolvedAt ?? deps.now())) > 0;
  }
  const policy = await slaPolicyForPriority(deps.db, ticket.priority);
  if (!policy) return false;
  const existing = new Map((await targetsOfTicket(deps.db, ticket.id)).map((t) => [t.metric, t]));
  let hours: BusinessHours | null | undefined;
  const instants = async (metric: SlaMetric, start: Date) => slaInstants(policy, (hours ??= await hoursOfTicket(deps, ticket)), metric, start);
  let changed = false;
  // A ticket older than its priority's policy (policies added to a running installation) is timed from the policy's start.
  const start = ticket.createdAt > policy.createdAt ? ticket.createdAt : policy.createdAt;
  for (const metric of ["first_response", "resolution"] as const) {
    if (existing.has(metric) || (metric === "first_response" && ticket.firstResponseAt)) continue;
    await startTarget(deps.db, { ticketId: ticket.id, metric, priority: ticket.priority, startedAt: start, ...(await instants(metric, start)) });
    changed = true;
  }
  const now = deps.now();
  for (const target of existing.values()) {
    if (target.satisfiedAt || target.breachedAt || target.priority === ticket.priority) continue;
    const next = await instants(target.metric, target.startedAt);
    if (next.dueAt <= now) continue;
    changed = (await retimeTarget(deps.db, ticket.id, target.metric, { priority: ticket.priority, ...next, rewarn: next.warnAt > now })) || changed;
  }
  return changed;
}

/**
 * On every stored message: an agent's reply meets the ticket's first and next response targets; a customer's message
 * after the first response starts a next-response target (when none is running). Returns the ticket changed, if any.
 */
export async function slaOnMessage(deps: Pick<ServiceDeps, "db" | "now">, event: DomainEvents["message.created"]): Promise<string | undefined> {
  if (event.senderType !== "agent" && event.senderType !== "customer") return undefined;
  if (!event.handedOff) return undefined;
  const ticket = await findActiveTicketForConversation(deps.db, event.conversationId);
  if (!ticket) return undefined;
  const now = deps.now();
  if (event.senderType === "agent") {
    return (await satisfyTargets(deps.db, ticket.id, ["first_response", "next_response"], now)) > 0 ? ticket.id : undefined;
  }
  const targets = new Map((await targetsOfTicket(deps.db, ticket.id)).map((t) => [t.metric, t]));
  const first = targets.get("first_response");
  const answered = first ? first.satisfiedAt !== null : ticket.firstResponseAt !== null;
  const next = targets.get("next_response");
  if (!answered || (next && next.satisfiedAt === null)) return undefined;
  const policy = await slaPolicyForPriority(deps.db, ticket.priority);
  if (!policy) return undefined;
  const instants = slaInstants(policy, await hoursOfTicket(deps, ticket), "next_response", now);
  await startTarget(deps.db, { ticketId: ticket.id, metric: "next_response", priority: ticket.priority, startedAt: now, ...instants });
  return ticket.id;
}

/** Raises a breached ticket's priority one step (recorded with the reason), retrying when the ticket changed meanwhile. */
async function escalate(deps: ServiceDeps, target: SlaTargetRow): Promise<TicketRow | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const ticket = await findTicket(deps.db, target.ticketId);
    if (!ticket || ticket.status === "resolved") return undefined;
    const to = NEXT_PRIORITY[ticket.priority];
    if (to === ticket.priority) return ticket;
    const updated = await updateTicketWithEvents(
      deps.db,
      ticket.id,
      { priority: to },
      [{ type: "priority_changed", actorType: "system", actorId: null, data: { from: ticket.priority, to, reason: "sla_breach", metric: target.metric } }],
      ticket,
    );
    if (updated) return updated;
  }
  return undefined;
}

/** Notifies the managers of the teams handling the ticket's inbox of a breach (stored, and live on their consoles). */
async function notifyManagers(deps: ServiceDeps, ticket: TicketRow, target: SlaTargetRow, at: Date): Promise<void> {
  const conversation = await getConversation(deps, ticket.conversationId);
  const managers = await managersForInbox(deps.db, conversation.inboxId);
  const data = { ticketId: ticket.id, ticketNumber: ticket.number, conversationId: ticket.conversationId, metric: target.metric, priority: ticket.priority, dueAt: target.dueAt.toISOString(), text: ticket.subject.slice(0, 200) };
  for (const n of await insertSlaNotifications(deps.db, managers, data, at)) deps.events.emit("notification.created", { notificationId: n.id, userId: n.userId });
}

/**
 * One scan of the SLA timers (the `sla.scan` job, every SLA_SCAN_SECONDS): records each warning and breach that came due
 * exactly once, escalates each breach. Everything it reads is in the database, so a restart loses nothing. Returns counts.
 */
export async function runSlaScan(deps: ServiceDeps): Promise<{ warnings: number; breaches: number }> {
  const now = deps.now();
  let warnings = 0;
  let breaches = 0;
  for (const target of await targetsToAlert(deps.db, now, SCAN_BATCH)) {
    if (!target.breachedAt && target.dueAt <= now) {
      if (!(await recordBreach(deps.db, target, now))) continue;
      breaches++;
      const ticket = (await escalate(deps, target)) ?? (await findTicket(deps.db, target.ticketId));
      if (ticket) await notifyManagers(deps, ticket, target, now);
      deps.events.emit("ticket.updated", { ticketId: target.ticketId });
      log.info({ ticketId: target.ticketId, metric: target.metric }, "SLA breached");
    } else if (!target.warnedAt && (await recordWarning(deps.db, target, now))) {
      warnings++;
      deps.events.emit("ticket.updated", { ticketId: target.ticketId });
    }
  }
  return { warnings, breaches };
}
