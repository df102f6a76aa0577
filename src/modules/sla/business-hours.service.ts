/** Inboxes' business hours: read, set and clear them (audit-logged), and whether an inbox is open now. */
import type { BusinessHours, InboxBusinessHoursDTO } from "../../contracts/sla.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { businessTimeBetween, isOpenAt } from "./business-time.ts";
import { allInboxBusinessHours, inboxBusinessHours, setInboxBusinessHours } from "./sla.repo.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** An inbox's business hours (null: always open); INBOX_NOT_FOUND when there is no such inbox. */
export async function businessHoursOf(deps: Pick<ServiceDeps, "db">, inboxId: string): Promise<BusinessHours | null> {
  const hours = await inboxBusinessHours(deps.db, inboxId);
  if (hours === undefined) throw new AppError("INBOX_NOT_FOUND");
  return hours;
}

/** The inbox's hours as the API shows them, with whether it is open now. */
export async function presentBusinessHours(deps: Deps, inboxId: string): Promise<InboxBusinessHoursDTO> {
  const hours = await businessHoursOf(deps, inboxId);
  return { inboxId, businessHours: hours, openNow: isOpenAt(hours, deps.now()) };
}

/** Sets (or, with null, clears) an inbox's business hours, recording the change in the audit log. */
export async function changeBusinessHours(deps: Deps, actor: AuditActor, inboxId: string, hours: BusinessHours | null): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const before = await inboxBusinessHours(tx, inboxId);
    if (before === undefined || !(await setInboxBusinessHours(tx, inboxId, hours))) throw new AppError("INBOX_NOT_FOUND");
    await recordAudit(
      tx,
      actor,
      { action: "inbox.business_hours_changed", targetType: "inbox", targetId: inboxId, before: { businessHours: before }, after: { businessHours: hours } },
      deps.now(),
    );
  });
}

/**
 * The open milliseconds between two instants in an inbox's business hours, for reports (first response and resolution
 * times "in business hours where an inbox has them"): load `hoursByInbox` once per report with inboxBusinessHoursMap.
 */
export function inboxBusinessTime(hoursByInbox: ReadonlyMap<string, BusinessHours | null>, inboxId: string, from: Date, to: Date): number {
  return businessTimeBetween(hoursByInbox.get(inboxId) ?? null, from, to);
}

/** Every inbox's business hours by id (null: always open), for inboxBusinessTime. */
export async function inboxBusinessHoursMap(deps: Pick<ServiceDeps, "db">): Promise<Map<string, BusinessHours | null>> {
  return allInboxBusinessHours(deps.db);
}
