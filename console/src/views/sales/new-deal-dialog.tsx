/**
 * The new-deal form. From a conversation it opens prefilled from the conversation's words (GET /deals/draft: customer,
 * title, amount from the products and money mentioned), so creating the deal takes two clicks: "Create deal", then submit.
 */
import { useEffect, useState } from "preact/hooks";
import type { DealDTO, DealStageDTO } from "../../../../src/contracts/sales.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { NEW_DEAL_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { amountInput, parseAmount } from "../../sales-format.ts";
import { Dialog, Loading } from "../crm/ui.tsx";
import { CustomerPicker, type PickedCustomer } from "./customer-picker.tsx";

/** The dialog. */
export function NewDealDialog(props: { crm: CrmOperations; stages?: DealStageDTO[]; conversationId?: string; onClose: () => void; onCreated: (deal: DealDTO) => void }) {
  const { crm, conversationId } = props;
  const [drafting, setDrafting] = useState(Boolean(conversationId));
  const [draftFailed, setDraftFailed] = useState(false);
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [title, setTitle] = useState("");
  const [amount, setAmount] = useState("");
  const [currency, setCurrency] = useState("");
  const [stage, setStage] = useState("");
  const [close, setClose] = useState("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  useEffect(() => {
    if (!conversationId) return;
    void crm.attempt(() => salesApi.getDealDraft(conversationId)).then((result) => {
      setDrafting(false);
      if (!result.ok) {
        setDraftFailed(true);
        return;
      }
      const d = result.data;
      setCustomer({ id: d.customerId, name: d.customerName ?? NEW_DEAL_TEXT.conversationCustomer });
      setTitle(d.title);
      setAmount(amountInput(d.amountCents));
      setCurrency(d.currency);
    });
  }, [crm, conversationId]);
  const cents = parseAmount(amount);
  const ready = customer !== null && title.trim() !== "" && cents !== null && !busy;
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!ready || !customer || cents === null) return;
    setBusy(true);
    const body: salesApi.NewDeal = { title: title.trim(), customerId: customer.id, amountCents: cents };
    if (currency) body.currency = currency;
    if (stage) body.stage = stage;
    if (close) body.expectedCloseDate = close;
    if (conversationId) body.conversationId = conversationId;
    const result = await crm.attempt(() => salesApi.createDeal(body));
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    crm.toast(NEW_DEAL_TEXT.created);
    props.onCreated(result.data);
  };
  return (
    <Dialog title={NEW_DEAL_TEXT.title} onClose={props.onClose} testId="new-deal-dialog">
      {drafting ? (
        <div class="dialog__body">
          <Loading testId="deal-draft-loading" />
        </div>
      ) : (
        <form class="dialog__body" onSubmit={(e) => void submit(e)} data-testid="new-deal-form">
          {conversationId && !draftFailed ? <p class="field__hint">{NEW_DEAL_TEXT.fromConversation}</p> : null}
          {draftFailed ? <p class="field__hint">{NEW_DEAL_TEXT.draftFailed}</p> : null}
          {failure && !failure.fields ? (
            <div class="banner banner--error dialog__banner" role="alert" data-testid="new-deal-error">
              <span class="banner__text">{failure.message}</span>
            </div>
          ) : null}
          <CustomerPicker value={customer} onChange={setCustomer} testId="deal-customer" />
          <label class="field">
            <span class="field__label">{SALES_TEXT.title}</span>
            <input class="input" required value={title} onInput={(e) => setTitle(e.currentTarget.value)} data-testid="deal-title" />
            {failure?.fields?.title ? <span class="field__error">{failure.fields.title}</span> : null}
          </label>
          <div class="field-row">
            <label class="field">
              <span class="field__label">
                {NEW_DEAL_TEXT.amount}
                {currency ? ` (${currency})` : ""}
              </span>
              <input class="input" inputMode="decimal" required value={amount} onInput={(e) => setAmount(e.currentTarget.value)} aria-invalid={amount !== "" && cents === null ? true : undefined} data-testid="deal-amount" />
              {failure?.fields?.amountCents ? <span class="field__error">{failure.fields.amountCents}</span> : null}
            </label>
            <label class="field">
              <span class="field__label">Expected close</span>
              <input class="input" type="date" value={close} onInput={(e) => setClose(e.currentTarget.value)} data-testid="deal-close" />
            </label>
          </div>
          {props.stages ? (
            <label class="field">
              <span class="field__label">{SALES_TEXT.stage}</span>
              <select class="select select--field" value={stage} onChange={(e) => setStage(e.currentTarget.value)} data-testid="deal-stage">
                {props.stages
                  .filter((s) => s.outcome === "open")
                  .map((s, i) => (
                    <option key={s.id} value={i === 0 ? "" : s.key}>
                      {s.name}
                    </option>
                  ))}
              </select>
            </label>
          ) : null}
          <div class="dialog__actions">
            <button type="button" class="button button--secondary" onClick={props.onClose}>
              {CRM_TEXT.cancel}
            </button>
            <button type="submit" class="button button--primary" disabled={!ready} autoFocus={Boolean(conversationId)} data-testid="deal-submit">
              {busy ? NEW_DEAL_TEXT.creating : NEW_DEAL_TEXT.create}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
