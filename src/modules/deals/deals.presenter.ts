/** Deal, stage and stage-change rows → DTOs. */
import type { DealDTO, DealStageChangeDTO, DealStageDTO } from "../../contracts/sales.ts";
import type { DealView, StageChangeView } from "./deals.repo.ts";
import type { StageRow } from "./stages.repo.ts";

/** Presents a stage. */
export function presentStage(row: Pick<StageRow, "id" | "key" | "name" | "position" | "probability" | "outcome">): DealStageDTO {
  return { id: row.id, key: row.key, name: row.name, position: row.position, probability: row.probability, outcome: row.outcome };
}

/** A deal's weighted amount: amount × probability / 100, rounded to the cent (the pipeline's SQL rounds the same way). */
export function weighted(amountCents: number, probability: number): number {
  return Math.round((amountCents * probability) / 100);
}

/** Presents a deal: its probability is its own, else its stage's. */
export function presentDeal(view: DealView): DealDTO {
  const { deal, stage } = view;
  const amountCents = Number(deal.amountCents);
  const probability = deal.probability ?? stage.probability;
  return {
    id: deal.id,
    title: deal.title,
    customer: view.customer,
    company: view.company,
    owner: view.owner,
    amountCents,
    currency: deal.currency,
    stage: presentStage(stage),
    probability,
    weightedAmountCents: weighted(amountCents, probability),
    expectedCloseDate: deal.expectedCloseDate,
    conversationId: deal.conversationId,
    source: deal.source,
    closedAt: deal.closedAt?.toISOString() ?? null,
    createdAt: deal.createdAt.toISOString(),
    updatedAt: deal.updatedAt.toISOString(),
  };
}

/** Presents one stage change. */
export function presentStageChange(row: StageChangeView): DealStageChangeDTO {
  const { change } = row;
  return {
    id: change.id,
    from: row.from ? presentStage(row.from) : null,
    to: presentStage(row.to),
    actor: { type: change.actorType, id: change.actorId, name: change.actorName },
    at: change.createdAt.toISOString(),
  };
}
