/** One stage of the pipeline board: its totals (count, amount, weighted) and its deals; a drop target for dragged cards. */
import { useState } from "preact/hooks";
import type { DealStageDTO } from "../../../../src/contracts/sales.ts";
import { formatMoney } from "../../crm-format.ts";
import { formatCount, formatNumber } from "../../format.ts";
import { PIPELINE_TEXT } from "../../sales-strings.ts";
import { formatProbability } from "../../sales-format.ts";
import type { BoardColumn } from "../../store/pipeline-board.ts";
import { DealCard } from "./deal-card.tsx";

/** The column. */
export function PipelineColumn(props: {
  column: BoardColumn;
  stages: DealStageDTO[];
  currency: string;
  canEdit: (ownerId: string | null) => boolean;
  onOpen: (dealId: string) => void;
  onMove: (dealId: string, stageId: string) => void;
  dragging: string | null;
  setDragging: (dealId: string | null) => void;
}) {
  const { column, stages } = props;
  const [over, setOver] = useState(false);
  const hidden = column.count - column.deals.length;
  const index = stages.findIndex((s) => s.id === column.stage.id);
  const titleId = `stage-${column.stage.id}`;
  return (
    <section
      class={`board-column board-column--${column.stage.outcome}${over ? " board-column--over" : ""}`}
      aria-labelledby={titleId}
      onDragOver={(e) => {
        if (!props.dragging) return;
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = "move";
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const dealId = e.dataTransfer?.getData("text/plain") || props.dragging;
        props.setDragging(null);
        if (dealId) props.onMove(dealId, column.stage.id);
      }}
      data-testid="board-column"
      data-stage={column.stage.key}
    >
      <header class="board-column__head">
        <h2 class="board-column__title" id={titleId} data-testid="column-title">
          {column.stage.name} <span class="card__muted">{column.stage.outcome === "open" ? formatProbability(column.stage.probability) : PIPELINE_TEXT.thisMonth}</span>
        </h2>
        <dl class="board-column__totals">
          <div>
            <dt class="visually-hidden">{PIPELINE_TEXT.deals}</dt>
            <dd data-testid="column-count">{formatCount(column.count, PIPELINE_TEXT.deal, PIPELINE_TEXT.deals)}</dd>
          </div>
          <div>
            <dt class="visually-hidden">{PIPELINE_TEXT.deals}</dt>
            <dd data-testid="column-amount">{formatMoney(column.amountCents, props.currency)}</dd>
          </div>
          <div>
            <dt class="visually-hidden">{PIPELINE_TEXT.weighted}</dt>
            <dd class="card__muted" data-testid="column-weighted">
              {formatMoney(column.weightedAmountCents, props.currency)} {PIPELINE_TEXT.weighted}
            </dd>
          </div>
        </dl>
      </header>
      <div class="board-column__cards">
        {column.deals.length === 0 ? <p class="board-column__empty">{PIPELINE_TEXT.empty}</p> : null}
        {column.deals.map((deal) => (
          <DealCard
            key={deal.id}
            deal={deal}
            stages={stages}
            editable={props.canEdit(deal.owner?.id ?? null)}
            onOpen={() => props.onOpen(deal.id)}
            onMove={(stageId) => props.onMove(deal.id, stageId)}
            onStep={(step) => {
              const next = stages[index + step];
              if (next) props.onMove(deal.id, next.id);
            }}
            onDragStart={() => props.setDragging(deal.id)}
            onDragEnd={() => props.setDragging(null)}
          />
        ))}
        {hidden > 0 ? (
          <p class="board-column__more">
            +{formatNumber(hidden)} {PIPELINE_TEXT.more}
          </p>
        ) : null}
      </div>
    </section>
  );
}
