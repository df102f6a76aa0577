/** Sales targets per rep or team and period, and how far each is met: won amount, attainment, weighted pipeline, gap. */
import type { TargetRowDTO } from "../../contracts/sales.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { monthPeriodOf, periodInterval } from "./periods.ts";
import { DEFAULT_CURRENCY } from "./summary.service.ts";
import { targetsWithFigures, upsertTarget, userExists, type TargetFigures } from "./targets.repo.ts";

/** A target as PUT sets it: exactly one of `ownerId` and `team`. */
export type TargetInput = { ownerId?: string; team?: string; period: string; amountCents: number; currency?: string };

/** Won ÷ target × 100 to one decimal; null for a target of 0 (any sale would be "infinitely" met). */
export function attainmentPercent(wonCents: number, targetCents: number): number | null {
  if (targetCents === 0) return null;
  return Math.round((wonCents / targetCents) * 1000) / 10;
}

/** A target row as the API shows it. */
export function presentTarget(t: TargetFigures): TargetRowDTO {
  return {
    owner: t.ownerId === null ? null : { id: t.ownerId, name: t.ownerName },
    team: t.team,
    period: t.period,
    currency: t.currency,
    targetCents: t.targetCents,
    wonCents: t.wonCents,
    attainmentPercent: attainmentPercent(t.wonCents, t.targetCents),
    weightedPipelineCents: t.weightedPipelineCents,
    gapCents: Math.max(0, t.targetCents - t.wonCents),
  };
}

/** Sets (creates or replaces) a target, failing with USER_NOT_FOUND for an unknown owner; returns its row. */
export async function setTarget(deps: Pick<ServiceDeps, "db" | "now">, input: TargetInput): Promise<TargetRowDTO> {
  if (input.ownerId !== undefined && !(await userExists(deps.db, input.ownerId))) throw new AppError("USER_NOT_FOUND", `No user has the id ${input.ownerId}.`);
  const id = await upsertTarget(
    deps.db,
    { ownerId: input.ownerId ?? null, team: input.team ?? null, period: input.period, amountCents: input.amountCents, currency: input.currency ?? DEFAULT_CURRENCY },
    deps.now(),
  );
  const [row] = await targetsWithFigures(deps.db, input.period, periodInterval(input.period), id);
  return presentTarget(row!);
}

/** The targets of a period (the current month by default): reps by name, then teams. */
export async function listTargets(deps: Pick<ServiceDeps, "db" | "now">, period?: string): Promise<TargetRowDTO[]> {
  const chosen = period ?? monthPeriodOf(deps.now());
  return (await targetsWithFigures(deps.db, chosen, periodInterval(chosen))).map(presentTarget);
}
