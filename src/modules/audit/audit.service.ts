/** The audit log's use cases: record a settings change (inside the change's own transaction), read the log. */
import type { AuditEntryDTO } from "../../contracts/helpdesk.ts";
import type { Database } from "../../db/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { insertAuditEntry, listAuditEntries, type AuditFilter, type AuditRow } from "./audit.repo.ts";

/** Who made a settings change, as the log names them. */
export type AuditActor = { id: string; name?: string };

/** One settings change: the action ("user.created"), its target, and the changed fields before and after. */
export type AuditChange = {
  action: string;
  targetType: string;
  targetId: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

/**
 * Records a change; call it with the transaction that makes the change, so the change and its entry are one commit.
 * Only the fields whose values differ are kept from `before` and `after`.
 */
export async function recordAudit(db: Database, actor: AuditActor, change: AuditChange, at: Date): Promise<void> {
  const { before, after } = changedFields(change.before ?? null, change.after ?? null);
  await insertAuditEntry(db, {
    actorId: actor.id,
    actorName: actor.name ?? "Unknown",
    action: change.action,
    targetType: change.targetType,
    targetId: change.targetId,
    before,
    after,
    createdAt: at,
  });
}

/**
 * Records a change another module already committed (its service knows no audit): used by settings routes whose
 * services predate the log (inboxes, API keys). A failure here is the request's failure, so it is never silent.
 */
export async function auditCommitted(deps: Pick<ServiceDeps, "db" | "now">, actor: AuditActor, change: AuditChange): Promise<void> {
  await recordAudit(deps.db, actor, change, deps.now());
}

/** The fields of `before` and `after` whose values differ (all of them when one side is absent). */
export function changedFields(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before, after };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { before: Object.fromEntries(keys.map((k) => [k, before[k] ?? null])), after: Object.fromEntries(keys.map((k) => [k, after[k] ?? null])) };
}

/** A page of the log, newest first, and the id to continue before. */
export async function readAuditLog(deps: Pick<ServiceDeps, "db">, filter: AuditFilter, limit: number): Promise<{ rows: AuditRow[]; more: boolean }> {
  const rows = await listAuditEntries(deps.db, filter, limit + 1);
  return { rows: rows.slice(0, limit), more: rows.length > limit };
}

/** Presents an entry. */
export function presentAuditEntry(row: AuditRow): AuditEntryDTO {
  return {
    id: row.id,
    actor: { id: row.actorId, name: row.actorName },
    action: row.action,
    target: { type: row.targetType, id: row.targetId },
    before: row.before,
    after: row.after,
    createdAt: row.createdAt.toISOString(),
  };
}
