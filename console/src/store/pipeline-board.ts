/** The pipeline board's columns and the optimistic move of a deal between them (pure, so it can be undone by keeping the old value). */
import type { DealDTO, DealStageDTO, PipelineDTO } from "../../../src/contracts/sales.ts";

/** One column: its stage, the deals shown, and the stage's totals (the server's for managers, else the shown deals'). */
export type BoardColumn = { stage: DealStageDTO; deals: DealDTO[]; count: number; amountCents: number; weightedAmountCents: number };

function totals(deals: DealDTO[]): Pick<BoardColumn, "count" | "amountCents" | "weightedAmountCents"> {
  return {
    count: deals.length,
    amountCents: deals.reduce((sum, d) => sum + d.amountCents, 0),
    weightedAmountCents: deals.reduce((sum, d) => sum + d.weightedAmountCents, 0),
  };
}

/** The columns in stage order, from each stage's deals and, when the user may read it, the pipeline's totals. */
export function buildColumns(stages: DealStageDTO[], deals: Record<string, DealDTO[]>, pipeline: PipelineDTO | null): BoardColumn[] {
  return [...stages]
    .sort((a, b) => a.position - b.position)
    .map((stage) => {
      const shown = deals[stage.id] ?? [];
      const server = pipeline?.stages.find((s) => s.stage.id === stage.id);
      return { stage, deals: shown, ...(server ? { count: server.count, amountCents: server.amountCents, weightedAmountCents: server.weightedAmountCents } : totals(shown)) };
    });
}

/** The deal as it will look in another stage: the stage's probability (a whole percent) and the weighted amount it gives. */
export function inStage(deal: DealDTO, stage: DealStageDTO): DealDTO {
  const probability = stage.probability;
  return { ...deal, stage, probability, weightedAmountCents: Math.round((deal.amountCents * probability) / 100) };
}

/** The board after moving a deal to a stage: the card changes column and both columns' totals follow. */
export function moveDeal(columns: BoardColumn[], dealId: string, toStageId: string): BoardColumn[] {
  const from = columns.find((c) => c.deals.some((d) => d.id === dealId));
  const to = columns.find((c) => c.stage.id === toStageId);
  const deal = from?.deals.find((d) => d.id === dealId);
  if (!from || !to || !deal || from === to) return columns;
  const moved = inStage(deal, to.stage);
  return columns.map((c) => {
    if (c === from) {
      return { ...c, deals: c.deals.filter((d) => d.id !== dealId), count: c.count - 1, amountCents: c.amountCents - deal.amountCents, weightedAmountCents: c.weightedAmountCents - deal.weightedAmountCents };
    }
    if (c === to) {
      return { ...c, deals: [moved, ...c.deals], count: c.count + 1, amountCents: c.amountCents + moved.amountCents, weightedAmountCents: c.weightedAmountCents + moved.weightedAmountCents };
    }
    return c;
  });
}

/** The board with a deal replaced by the server's answer (same column). */
export function replaceDeal(columns: BoardColumn[], deal: DealDTO): BoardColumn[] {
  return columns.map((c) => (c.stage.id === deal.stage.id ? { ...c, deals: c.deals.map((d) => (d.id === deal.id ? deal : d)) } : c));
}
