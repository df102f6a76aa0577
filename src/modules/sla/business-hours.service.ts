/** Inboxes' business hours: read, set and clear them (audit-logged), and whether an inbox is open now. */
import type { BusinessHours, InboxBusinessHoursDTO } from "../../contracts/sla.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { isOpenAt } from "./business-time.ts";
import { inboxBusinessHours, setInboxBusinessHours } from "./sla.repo.ts";

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
