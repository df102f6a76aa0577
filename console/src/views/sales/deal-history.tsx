/** A deal's stage history: who moved it, when, from which stage to which. */
import type { DealStageChangeDTO } from "../../../../src/contracts/sales.ts";
import { actorLabel } from "../../crm-format.ts";
import { formatDate, formatRelativeTime } from "../../format.ts";
import { DEAL_TEXT } from "../../sales-strings.ts";

/** The card. */
export function DealHistory(props: { changes: DealStageChangeDTO[] | null; failed: string | null }) {
  const changes = props.changes ? [...props.changes].sort((a, b) => b.at.localeCompare(a.at)) : null;
  return (
    <section class="card" aria-labelledby="deal-history-title" data-testid="deal-history">
      <h2 class="card__title" id="deal-history-title">
        {DEAL_TEXT.history}
      </h2>
      {props.failed ? <p class="field__error">{props.failed}</p> : null}
      {changes === null && !props.failed ? <p class="card__muted">…</p> : null}
      {changes && changes.length === 0 ? <p class="card__muted">{DEAL_TEXT.noHistory}</p> : null}
      {changes && changes.length > 0 ? (
        <ol class="stage-history">
          {changes.map((c) => (
            <li key={c.id} class="stage-history__item" data-testid="deal-history-item">
              <span class="stage-history__move">
                {c.from ? (
                  <>
                    {c.from.name} → <strong>{c.to.name}</strong>
                  </>
                ) : (
                  <>
                    {DEAL_TEXT.created_in} <strong>{c.to.name}</strong>
                  </>
                )}
              </span>
              <span class="card__muted">
                {actorLabel(c.actor)} · <time dateTime={c.at} title={formatDate(c.at)}>{formatRelativeTime(c.at)}</time>
              </span>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
