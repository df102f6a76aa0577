/** Records an order: a customer, and lines of active products with quantities (the unit price is the product's). */
import { useState } from "preact/hooks";
import type { OrderDTO, ProductDTO } from "../../../../src/contracts/sales.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmFailure, CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { ORDERS_TEXT } from "../../sales-strings.ts";
import { Dialog, ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { CustomerPicker, type PickedCustomer } from "./customer-picker.tsx";

type Line = { productId: string; quantity: string };

/** The dialog. */
export function NewOrderDialog(props: { crm: CrmOperations; onClose: () => void; onCreated: (order: OrderDTO) => void; customer?: PickedCustomer; dealId?: string; conversationId?: string }) {
  const { crm } = props;
  const [products, reload] = useLoad(crm, "products", () => salesApi.listProducts({ active: "true", limit: 100 }));
  const [customer, setCustomer] = useState<PickedCustomer | null>(props.customer ?? null);
  const [lines, setLines] = useState<Line[]>([{ productId: "", quantity: "1" }]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<CrmFailure | null>(null);
  const catalogue: ProductDTO[] = products.state === "loaded" ? products.data.data : [];
  const valid = lines.every((l) => l.productId !== "" && Number.isInteger(Number(l.quantity)) && Number(l.quantity) >= 1);
  const total = lines.reduce((sum, l) => sum + (catalogue.find((p) => p.id === l.productId)?.priceCents ?? 0) * (Number(l.quantity) || 0), 0);
  const currency = catalogue.find((p) => p.id === lines[0]?.productId)?.currency ?? "USD";
  const setLine = (index: number, change: Partial<Line>): void => setLines((ls) => ls.map((l, i) => (i === index ? { ...l, ...change } : l)));
  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (!customer || !valid || busy) return;
    setBusy(true);
    const result = await crm.attempt(() => salesApi.createOrder({
        customerId: customer.id,
        items: lines.map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
        ...(props.dealId ? { dealId: props.dealId } : {}),
        ...(props.conversationId ? { conversationId: props.conversationId } : {}),
      }));
    setBusy(false);
    if (!result.ok) {
      setFailure(result.failure);
      return;
    }
    crm.toast(ORDERS_TEXT.created);
    props.onCreated(result.data);
  };
  return (
    <Dialog title={ORDERS_TEXT.newOrder} onClose={props.onClose} testId="new-order-dialog" wide>
      {products.state === "loading" ? <Loading /> : null}
      {products.state === "error" ? <ErrorState title={ORDERS_TEXT.failed} message={products.failure.message} onRetry={reload} /> : null}
      {products.state === "loaded" ? (
        <form class="dialog__body" onSubmit={(e) => void submit(e)}>
          {failure ? (
            <div class="banner banner--error dialog__banner" role="alert" data-testid="new-order-error">
              <span class="banner__text">{Object.values(failure.fields ?? {})[0] ?? failure.message}</span>
            </div>
          ) : null}
          <CustomerPicker value={customer} onChange={setCustomer} testId="order-customer" />
          <fieldset class="order-lines">
            <legend class="field__label">{ORDERS_TEXT.lines}</legend>
            {lines.map((line, i) => (
              <div class="order-lines__row" key={i} data-testid="order-line">
                <label class="field">
                  <span class="visually-hidden">{ORDERS_TEXT.product}</span>
                  <select class="select select--field" value={line.productId} onChange={(e) => setLine(i, { productId: e.currentTarget.value })} data-testid="order-line-product">
                    <option value="">{ORDERS_TEXT.product}…</option>
                    {catalogue.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({formatMoney(p.priceCents, p.currency)})
                      </option>
                    ))}
                  </select>
                </label>
                <label class="field">
                  <span class="visually-hidden">{ORDERS_TEXT.quantity}</span>
                  <input class="input input--small" type="number" min={1} step={1} value={line.quantity} onInput={(e) => setLine(i, { quantity: e.currentTarget.value })} data-testid="order-line-quantity" />
                </label>
                {lines.length > 1 ? (
                  <button type="button" class="link link--danger" onClick={() => setLines((ls) => ls.filter((_l, j) => j !== i))} aria-label={`${ORDERS_TEXT.removeLine} ${i + 1}`}>
                    ×
                  </button>
                ) : null}
              </div>
            ))}
            <button type="button" class="link" onClick={() => setLines((ls) => [...ls, { productId: "", quantity: "1" }])} data-testid="order-add-line">
              + {ORDERS_TEXT.addLine}
            </button>
          </fieldset>
          <p>
            {ORDERS_TEXT.lineTotal}: <strong data-testid="new-order-total">{formatMoney(total, currency)}</strong>
          </p>
          <div class="dialog__actions">
            <button type="button" class="button button--secondary" onClick={props.onClose}>
              {CRM_TEXT.cancel}
            </button>
            <button type="submit" class="button button--primary" disabled={!customer || !valid || busy} data-testid="order-submit">
              {busy ? CRM_TEXT.saving : ORDERS_TEXT.create}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
