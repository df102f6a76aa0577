/** The conversation sidebar's Sales card: the lead or deals opened from this conversation, and "Create deal" prefilled from it. */
import { useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { NEW_DEAL_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { useLoad } from "../crm/ui.tsx";
import { NewDealDialog } from "./new-deal-dialog.tsx";
import { useReloadOn } from "./use-reload-on.ts";

/** The card; `version` changes when the server says a deal changed ("deal:updated"), so it loads again. */
export function ConversationDeals(props: { crm: CrmOperations; user: UserDTO; conversationId: string; version: number }) {
  const { crm, conversationId } = props;
  const [loaded, reload] = useLoad(crm, conversationId, () => salesApi.listDeals({ conversationId, limit: 5 }));
  useReloadOn(props.version, reload);
  const [creating, setCreating] = useState(false);
  return (
    <section class="card" aria-labelledby="conversation-deals-title" data-testid="conversation-deals" data-state={loaded.state}>
      <h3 class="card__title" id="conversation-deals-title">
        {NEW_DEAL_TEXT.sidebarTitle}
      </h3>
      {loaded.state === "loading" ? <p class="card__muted">…</p> : null}
      {loaded.state === "error" ? (
        <p class="field__error" role="alert">
          {loaded.failure.message}{" "}
          <button type="button" class="link" onClick={reload}>
            Retry
          </button>
        </p>
      ) : null}
      {loaded.state === "loaded" && loaded.data.data.length === 0 ? <p class="card__muted" data-testid="conversation-deals-empty">{NEW_DEAL_TEXT.noDeal}</p> : null}
      {loaded.state === "loaded" && loaded.data.data.length > 0 ? (
        <ul class="sidebar-deals">
          {loaded.data.data.map((d) => (
            <li key={d.id} class="sidebar-deals__item" data-testid="conversation-deal" data-deal-id={d.id} data-stage={d.stage.key}>
              <a
                class="crm-link"
                href={`/console/sales/deals/${encodeURIComponent(d.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  crm.openSales("deal", d.id);
                }}
                data-testid="conversation-deal-link"
              >
                {d.title}
              </a>
              <span class={`badge badge--stage-${d.stage.outcome}`}>{d.stage.name}</span>
              <span class="card__muted">
                {formatMoney(d.amountCents, d.currency)} · {d.owner?.name ?? SALES_TEXT.unowned}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {can(props.user.role, "deal.create") ? (
        <div class="card__actions">
          <button type="button" class="button button--secondary button--small" onClick={() => setCreating(true)} data-testid="create-deal">
            {NEW_DEAL_TEXT.create}
          </button>
        </div>
      ) : null}
      {creating ? (
        <NewDealDialog
          crm={crm}
          conversationId={conversationId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            reload();
          }}
        />
      ) : null}
    </section>
  );
}
