/** A deal on the pipeline board: draggable, focusable (← → move it one stage, Enter opens it), with a "Move to…" menu. */
import type { DealDTO, DealStageDTO } from "../../../../src/contracts/sales.ts";
import { formatMoney } from "../../crm-format.ts";
import { formatDate } from "../../format.ts";
import { PIPELINE_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { formatProbability } from "../../sales-format.ts";

/** The card. */
export function DealCard(props: {
  deal: DealDTO;
  stages: DealStageDTO[];
  editable: boolean;
  onOpen: () => void;
  onMove: (stageId: string) => void;
  onStep: (step: -1 | 1) => void;
  onDragStart: () => void;
  onDragEnd: () => void;
}) {
  const { deal } = props;
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter") {
      event.preventDefault();
      props.onOpen();
    } else if (props.editable && (event.key === "ArrowRight" || event.key === "ArrowLeft")) {
      event.preventDefault();
      props.onStep(event.key === "ArrowRight" ? 1 : -1);
    }
  };
  return (
    <article
      class="deal-card"
      tabIndex={0}
      draggable={props.editable}
      aria-label={`${deal.title}, ${deal.customer?.name ?? ""}, ${formatMoney(deal.amountCents, deal.currency)}`}
      aria-roledescription="deal"
      onKeyDown={onKeyDown}
      onDragStart={(e) => {
        e.dataTransfer?.setData("text/plain", deal.id);
        if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
        props.onDragStart();
      }}
      onDragEnd={props.onDragEnd}
      data-testid="deal-card"
      data-deal-id={deal.id}
      data-stage={deal.stage.key}
    >
      <a
        class="deal-card__title"
        href={`/console/sales/deals/${encodeURIComponent(deal.id)}`}
        tabIndex={-1}
        onClick={(e) => {
          e.preventDefault();
          props.onOpen();
        }}
        data-testid="deal-card-title"
      >
        {deal.title}
      </a>
      <div class="deal-card__customer">{deal.customer?.name ?? deal.company?.name ?? ""}</div>
      <div class="deal-card__figures">
        <strong data-testid="deal-card-amount">{formatMoney(deal.amountCents, deal.currency)}</strong>
        <span class="card__muted">{formatProbability(deal.probability)}</span>
      </div>
      <div class="deal-card__meta">
        <span>{deal.owner?.name ?? SALES_TEXT.unowned}</span>
        {deal.expectedCloseDate ? <span>{formatDate(deal.expectedCloseDate)}</span> : null}
      </div>
      {props.editable ? (
        <select
          class="select select--compact deal-card__move"
          value=""
          aria-label={`${PIPELINE_TEXT.moveLabel}: ${deal.title}`}
          onChange={(e) => {
            const to = e.currentTarget.value;
            e.currentTarget.value = "";
            if (to) props.onMove(to);
          }}
          data-testid="deal-card-move"
        >
          <option value="">{PIPELINE_TEXT.moveTo}</option>
          {props.stages
            .filter((s) => s.id !== deal.stage.id)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
        </select>
      ) : null}
    </article>
  );
}
