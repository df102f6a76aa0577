/** The pipeline: per stage count, amount and weighted amount, and the weighted forecast of the period. */
import type { PipelineDTO } from "../../contracts/sales.ts";
import type { ServiceDeps } from "../deps.ts";
import { assertCan, type Actor } from "../policy/index.ts";
import { mayAct, userIdOf } from "./deals.access.ts";
import { presentStage } from "./deals.presenter.ts";
import { pipelineFigures } from "./pipeline.repo.ts";

/** The current calendar month, UTC, as [from, to). */
export function currentMonth(now: Date): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), to: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

/**
 * The pipeline in one currency over [from, to) (default the current month, UTC). Open stages count every open deal;
 * won and lost stages count the deals closed in the period; the forecast is the weighted amount of the open deals
 * expected to close in it. Whoever may read the sales figures sees everyone's (or one owner's); anyone else (an agent)
 * sees the pipeline of their own deals, and asking for another owner's is 403.
 */
export async function getPipeline(
  deps: Pick<ServiceDeps, "db" | "now">,
  actor: Actor,
  query: { currency?: string; ownerId?: string; from?: Date; to?: Date },
): Promise<PipelineDTO> {
  let ownerId = query.ownerId;
  if (!mayAct(actor, "sales.report")) {
    const self = userIdOf(actor);
    // An agent's own pipeline; a key without sales:read, or an agent asking for someone else's, is refused here.
    if (!self || (ownerId !== undefined && ownerId !== self)) assertCan(actor, "sales.report");
    ownerId = self ?? undefined;
  }
  const month = currentMonth(deps.now());
  const from = query.from ?? (query.to ? new Date(Date.UTC(query.to.getUTCFullYear(), query.to.getUTCMonth() - 1, query.to.getUTCDate())) : month.from);
  const to = query.to ?? (query.from ? new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, from.getUTCDate())) : month.to);
  const currency = query.currency ?? "USD";
  const rows = await pipelineFigures(deps.db, { currency, ownerId, from, to });
  let forecastCents = 0;
  let forecastDeals = 0;
  const stages = rows.map((row) => {
    forecastCents += Number(row.forecast_weighted);
    forecastDeals += Number(row.forecast_count);
    return {
      stage: presentStage(row),
      count: Number(row.count),
      amountCents: Number(row.amount),
      weightedAmountCents: Number(row.weighted),
    };
  });
  return { currency, stages, forecast: { from: from.toISOString(), to: to.toISOString(), weightedAmountCents: forecastCents, dealCount: forecastDeals } };
}
