/** A deal's page: its fields edited in place (title, stage, owner, amount, probability, expected close), its stage history, links to the customer and the conversation. */
import { useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { DealDTO, DealStageChangeDTO, DealStageDTO } from "../../../../src/contracts/sales.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { formatDate } from "../../format.ts";
import { DEAL_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { amountInput, formatProbability, parseAmount } from "../../sales-format.ts";
import { InlineEdit, type InlineSaveResult } from "../crm/inline-edit.tsx";
import { ConfirmDialog, ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { DealHistory } from "./deal-history.tsx";
import { NewOrderDialog } from "./new-order-dialog.tsx";
import { SalesShell } from "./sales-shell.tsx";
import { useReloadOn } from "./use-reload-on.ts";

type Loaded = { deal: DealDTO; stages: DealStageDTO[]; owners: { id: string; name: string }[]; history: DealStageChangeDTO[] | null; historyError: string | null };

async function loadDeal(crm: CrmOperations, user: UserDTO, dealId: string): Promise<Loaded> {
  const [deal, stages] = await Promise.all([salesApi.getDeal(dealId), salesApi.listStages()]);
  const history = await crm.attempt(() => salesApi.getDealHistory(dealId));
  // Managers give deals to any rep; an agent can only take an unowned deal or leave it unowned.
  const reps = can(user.role, "sales.plan") ? await crm.attempt(() => salesApi.listReps()) : null;
  const owners = reps?.ok ? reps.data.map((r) => r.user) : [{ id: user.id, name: user.name }];
  if (deal.owner && !owners.some((o) => o.id === deal.owner?.id)) owners.push({ id: deal.owner.id, name: deal.owner.name ?? deal.owner.id });
  return { deal, stages: [...stages].sort((a, b) => a.position - b.position), owners, history: history.ok ? history.data : null, historyError: history.ok ? null : history.failure.message };
}

/** The page. */
export function DealView(props: { crm: CrmOperations; user: UserDTO; dealId: string; version: number }) {
  const { crm, user } = props;
  const [loaded, reload, set] = useLoad(crm, props.dealId, () => loadDeal(crm, user, props.dealId));
  useReloadOn(props.version, reload);
  const [deleting, setDeleting] = useState(false);
  const [ordering, setOrdering] = useState(false);
  if (loaded.state !== "loaded") {
    return (
      <SalesShell user={user} crm={crm} page="deal" title={DEAL_TEXT.details} testId="deal-view" state={loaded.state}>
        {loaded.state === "loading" ? <Loading testId="deal-loading" /> : null}
        {loaded.state === "error" ? (
          <ErrorState title={loaded.failure.status === 404 ? SALES_TEXT.notFound : SALES_TEXT.failed} message={loaded.failure.message} onRetry={loaded.failure.status === 404 ? undefined : reload} testId="deal-error" />
        ) : null}
      </SalesShell>
    );
  }
  const { deal, stages, owners } = loaded.data;
  const scope = deal.owner === null ? "unassigned" : deal.owner.id === user.id ? "own" : "others";
  const editable = can(user.role, "deal.edit", scope);
  const save = async (changes: salesApi.DealChanges): Promise<InlineSaveResult> => {
    const result = await crm.attempt(() => salesApi.updateDeal(deal.id, changes));
    if (!result.ok) return { message: Object.values(result.failure.fields ?? {})[0] ?? result.failure.message };
    const history = await crm.attempt(() => salesApi.getDealHistory(deal.id));
    set({ ...loaded.data, deal: result.data, history: history.ok ? history.data : loaded.data.history });
    return null;
  };
  const ownerOptions = [{ value: "", label: SALES_TEXT.unowned }, ...owners.map((o) => ({ value: o.id, label: o.name }))];
  return (
    <SalesShell
      user={user}
      crm={crm}
      page="deal"
      title={deal.title}
      testId="deal-view"
      state="loaded"
      actions={
        <>
          <button type="button" class="button button--secondary" onClick={() => crm.openSales("pipeline")} data-testid="deal-back">
            {DEAL_TEXT.back}
          </button>
          {can(user.role, "order.create") && deal.customer ? (
            <button type="button" class="button button--secondary" onClick={() => setOrdering(true)} data-testid="deal-record-order">
              {DEAL_TEXT.recordOrder}
            </button>
          ) : null}
          {can(user.role, "deal.delete") ? (
            <button type="button" class="button button--danger-outline" onClick={() => setDeleting(true)} data-testid="deal-delete">
              {DEAL_TEXT.delete}
            </button>
          ) : null}
        </>
      }
    >
      <div class="deal-layout">
        <section class="card" aria-labelledby="deal-details-title" data-testid="deal-details" data-stage={deal.stage.key}>
          <h2 class="card__title" id="deal-details-title">
            {DEAL_TEXT.details} <span class={`badge badge--stage-${deal.stage.outcome}`}>{deal.stage.name}</span>
          </h2>
          <dl class="kvs">
            <InlineEdit label={DEAL_TEXT.title} display={deal.title} initial={deal.title} input={{ kind: "text" }} editable={editable} onSave={(t) => save({ title: t.trim() })} testId="deal-field-title" />
            <InlineEdit
              label={SALES_TEXT.stage}
              display={deal.stage.name}
              initial={deal.stage.key}
              input={{ kind: "select", options: stages.map((s) => ({ value: s.key, label: s.name })) }}
              editable={editable}
              onSave={(key) => save({ stage: key })}
              testId="deal-field-stage"
            />
            <InlineEdit
              label={SALES_TEXT.owner}
              display={deal.owner?.name ?? SALES_TEXT.unowned}
              initial={deal.owner?.id ?? ""}
              input={{ kind: "select", options: ownerOptions }}
              editable={editable}
              onSave={(id) => save({ ownerId: id || null })}
              testId="deal-field-owner"
            />
            <InlineEdit
              label={`${DEAL_TEXT.amount} (${deal.currency})`}
              display={formatMoney(deal.amountCents, deal.currency)}
              initial={amountInput(deal.amountCents)}
              input={{ kind: "text" }}
              editable={editable}
              onSave={async (t) => {
                const cents = parseAmount(t);
                return cents === null ? { message: "Type an amount such as 1250.00" } : save({ amountCents: cents });
              }}
              testId="deal-field-amount"
            />
            <InlineEdit
              label={DEAL_TEXT.probability}
              display={formatProbability(deal.probability)}
              initial={String(deal.probability)}
              input={{ kind: "number" }}
              editable={editable}
              onSave={async (t) => {
                const p = Number(t);
                return t.trim() === "" ? save({ probability: null }) : Number.isInteger(p) && p >= 0 && p <= 100 ? save({ probability: p }) : { message: "Between 0 and 100" };
              }}
              testId="deal-field-probability"
            />
            <InlineEdit
              label={DEAL_TEXT.expectedClose}
              display={deal.expectedCloseDate ? formatDate(deal.expectedCloseDate) : ""}
              initial={deal.expectedCloseDate?.slice(0, 10) ?? ""}
              input={{ kind: "date" }}
              editable={editable}
              onSave={(d) => save({ expectedCloseDate: d || null })}
              testId="deal-field-close"
            />
            <div class="kv">
              <dt class="kv__key">{DEAL_TEXT.weighted}</dt>
              <dd class="kv__value" data-testid="deal-weighted">
                {formatMoney(deal.weightedAmountCents, deal.currency)}
              </dd>
            </div>
            <div class="kv">
              <dt class="kv__key">{DEAL_TEXT.source}</dt>
              <dd class="kv__value">{deal.source}</dd>
            </div>
            <div class="kv">
              <dt class="kv__key">{DEAL_TEXT.created}</dt>
              <dd class="kv__value">{formatDate(deal.createdAt)}</dd>
            </div>
            {deal.closedAt ? (
              <div class="kv">
                <dt class="kv__key">{DEAL_TEXT.closed}</dt>
                <dd class="kv__value">{formatDate(deal.closedAt)}</dd>
              </div>
            ) : null}
          </dl>
        </section>
        <div class="deal-side">
          <section class="card" aria-labelledby="deal-customer-title">
            <h2 class="card__title" id="deal-customer-title">
              {SALES_TEXT.customer}
            </h2>
            <p data-testid="deal-customer">{deal.customer?.name ?? deal.customer?.email ?? CRM_TEXT.none}</p>
            {deal.company ? <p class="card__muted">{deal.company.name}</p> : null}
            <div class="card__actions">
              {deal.customer ? (
                <button type="button" class="button button--secondary button--small" onClick={() => deal.customer && crm.openCustomer(deal.customer.id)} data-testid="deal-open-customer">
                  {DEAL_TEXT.customerLink}
                </button>
              ) : null}
              {deal.conversationId ? (
                <button type="button" class="button button--secondary button--small" onClick={() => deal.conversationId && void crm.openConversation(deal.conversationId)} data-testid="deal-open-conversation">
                  {DEAL_TEXT.conversation}
                </button>
              ) : null}
            </div>
          </section>
          <DealHistory changes={loaded.data.history} failed={loaded.data.historyError} />
        </div>
      </div>
      {ordering && deal.customer ? (
        <NewOrderDialog
          crm={crm}
          customer={{ id: deal.customer.id, name: deal.customer.name ?? deal.customer.email ?? deal.customer.id }}
          dealId={deal.id}
          conversationId={deal.conversationId ?? undefined}
          onClose={() => setOrdering(false)}
          onCreated={(order) => {
            setOrdering(false);
            crm.openSales("order", order.id);
          }}
        />
      ) : null}
      {deleting ? (
        <ConfirmDialog
          title={DEAL_TEXT.delete}
          body={`${deal.title}: ${DEAL_TEXT.deleteBody}`}
          confirm={CRM_TEXT.delete}
          danger
          testId="deal-delete-dialog"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            const result = await crm.attempt(() => salesApi.deleteDeal(deal.id));
            if (!result.ok) return result.failure;
            crm.toast(DEAL_TEXT.deleted);
            crm.openSales("pipeline");
            return null;
          }}
        />
      ) : null}
    </SalesShell>
  );
}
