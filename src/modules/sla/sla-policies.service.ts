/** SLA policy administration: one policy per ticket priority, each change in the audit log. */
import type { SlaPolicyDTO } from "../../contracts/sla.ts";
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { deleteSlaPolicy, findSlaPolicy, insertSlaPolicy, listSlaPolicyRows, updateSlaPolicy, type SlaPolicyRow, type SlaPolicyValues } from "./sla.repo.ts";

type Deps = Pick<ServiceDeps, "db" | "now">;

/** Presents a policy. */
export function presentSlaPolicy(row: SlaPolicyRow): SlaPolicyDTO {
  return {
    id: row.id,
    priority: row.priority,
    firstResponseMinutes: row.firstResponseMinutes,
    nextResponseMinutes: row.nextResponseMinutes,
    resolutionMinutes: row.resolutionMinutes,
    businessHours: row.businessHours,
    warnAtPercent: row.warnAtPercent,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const view = (row: SlaPolicyRow) => ({
  priority: row.priority,
  firstResponseMinutes: row.firstResponseMinutes,
  nextResponseMinutes: row.nextResponseMinutes,
  resolutionMinutes: row.resolutionMinutes,
  businessHours: row.businessHours,
  warnAtPercent: row.warnAtPercent,
});

/** Every policy, most urgent priority first. */
export async function listSlaPolicies(deps: Pick<ServiceDeps, "db">): Promise<SlaPolicyRow[]> {
  return listSlaPolicyRows(deps.db);
}

/** Adds the policy of a priority; SLA_POLICY_EXISTS when that priority has one. */
export async function createSlaPolicy(deps: Deps, actor: AuditActor, values: SlaPolicyValues): Promise<SlaPolicyRow> {
  return deps.db
    .transaction(async (tx) => {
      const row = await insertSlaPolicy(tx, values, deps.now());
      await recordAudit(tx, actor, { action: "sla_policy.created", targetType: "sla_policy", targetId: row.id, after: view(row) }, deps.now());
      return row;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? new AppError("SLA_POLICY_EXISTS", undefined, { priority: `the ${values.priority} priority has a policy already` }) : error;
    });
}

/** Changes a policy's targets; tickets opened or re-prioritised afterwards are timed on them. */
export async function changeSlaPolicy(deps: Deps, actor: AuditActor, id: string, patch: Partial<SlaPolicyValues>): Promise<SlaPolicyRow> {
  return deps.db.transaction(async (tx) => {
    const before = await findSlaPolicy(tx, id);
    const after = before && (await updateSlaPolicy(tx, id, patch, deps.now()));
    if (!before || !after) throw new AppError("SLA_POLICY_NOT_FOUND");
    await recordAudit(tx, actor, { action: "sla_policy.updated", targetType: "sla_policy", targetId: id, before: view(before), after: view(after) }, deps.now());
    return after;
  });
}

/** Deletes a policy: tickets of its priority are no longer timed (targets already running keep their due times). */
export async function removeSlaPolicy(deps: Deps, actor: AuditActor, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const removed = await deleteSlaPolicy(tx, id);
    if (!removed) throw new AppError("SLA_POLICY_NOT_FOUND");
    await recordAudit(tx, actor, { action: "sla_policy.deleted", targetType: "sla_policy", targetId: id, before: view(removed), after: null }, deps.now());
  });
}
