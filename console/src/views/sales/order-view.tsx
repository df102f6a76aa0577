/** An order's page: its lines, its customer, and its status moved along processing → shipped → delivered (or cancelled), with carrier and tracking. */
import { useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { OrderDTO, OrderStatus } from "../../../../src/contracts/sales.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { formatDate, formatNumber } from "../../format.ts";
import { DEAL_TEXT, ORDERS_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { ConfirmDialog, ErrorState, Loading, useLoad } from "../crm/ui.tsx";
import { OrderStatusBadge } from "./orders-view.tsx";
import { SalesShell } from "./sales-shell.tsx";

/** The next status of the happy path, if any. */
function nextStatus(status: OrderStatus): { to: OrderStatus; label: string } | null {
  if (status === "processing") return { to: "shipped", label: ORDERS_TEXT.markShipped };
  if (status === "shipped") return { to: "delivered", label: ORDERS_TEXT.markDelivered };
  return null;
}

function Shipping(props: { order: OrderDTO; editable: boolean; onSave: (carrier: string, tracking: string) => Promise<string | null> }) {
  const [carrier, setCarrier] = useState(props.order.carrier ?? "");
  const [tracking, setTracking] = useState(props.order.trackingNumber ?? "");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const changed = carrier !== (props.order.carrier ?? "") || tracking !== (props.order.trackingNumber ?? "");
  return (
    <form
      class="card"
      aria-labelledby="order-shipping-title"
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        void props.onSave(carrier.trim(), tracking.trim()).then((p) => {
          setBusy(false);
          setProblem(p);
        });
      }}
      data-testid="order-shipping"
    >
      <h2 class="card__title" id="order-shipping-title">
        {ORDERS_TEXT.shipping}
      </h2>
      <label class="field">
        <span class="field__label">{ORDERS_TEXT.carrier}</span>
        <input class="input" value={carrier} disabled={!props.editable} onInput={(e) => setCarrier(e.currentTarget.value)} data-testid="order-carrier" />
      </label>
      <label class="field">
        <span class="field__label">{ORDERS_TEXT.tracking}</span>
        <input class="input" value={tracking} disabled={!props.editable} onInput={(e) => setTracking(e.currentTarget.value)} data-testid="order-tracking" />
      </label>
      {props.order.estimatedDelivery ? (
        <p class="card__muted">
          {ORDERS_TEXT.estimated}: {formatDate(props.order.estimatedDelivery)}
        </p>
      ) : null}
      {problem ? (
        <p class="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      {props.editable ? (
        <button type="submit" class="button button--secondary" disabled={!changed || busy} data-testid="order-shipping-save">
          {busy ? CRM_TEXT.saving : ORDERS_TEXT.saveShipping}
        </button>
      ) : null}
    </form>
  );
}

/** The page. */
export function OrderView(props: { crm: CrmOperations; user: UserDTO; orderId: string }) {
  const { crm, user } = props;
  const [loaded, reload, set] = useLoad(crm, props.orderId, () => salesApi.getOrder(props.orderId));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  if (loaded.state !== "loaded") {
    return (
      <SalesShell user={user} crm={crm} page="order" title={ORDERS_TEXT.number} testId="order-view" state={loaded.state}>
        {loaded.state === "loading" ? <Loading testId="order-loading" /> : null}
        {loaded.state === "error" ? (
          <ErrorState title={loaded.failure.status === 404 ? SALES_TEXT.notFound : SALES_TEXT.failed} message={loaded.failure.message} onRetry={loaded.failure.status === 404 ? undefined : reload} testId="order-error" />
        ) : null}
      </SalesShell>
    );
  }
  const order = loaded.data;
  const editable = can(user.role, "order.edit");
  const patch = async (body: Parameters<typeof salesApi.updateOrder>[1]): Promise<string | null> => {
    const result = await crm.attempt(() => salesApi.updateOrder(order.id, body));
    if (!result.ok) return Object.values(result.failure.fields ?? {})[0] ?? result.failure.message;
    set(result.data);
    crm.toast(ORDERS_TEXT.updated);
    return null;
  };
  const changeStatus = async (to: OrderStatus): Promise<void> => {
    setBusy(true);
    setProblem(await patch({ status: to }));
    setBusy(false);
  };
  const next = nextStatus(order.status);
  const closed = order.status === "delivered" || order.status === "cancelled";
  return (
    <SalesShell
      user={user}
      crm={crm}
      page="order"
      title={`${ORDERS_TEXT.number} ${order.number}`}
      testId="order-view"
      state="loaded"
      actions={
        <button type="button" class="button button--secondary" onClick={() => crm.openSales("orders")} data-testid="order-back">
          {ORDERS_TEXT.back}
        </button>
      }
    >
      <div class="deal-layout">
        <section class="card" aria-labelledby="order-lines-title" data-testid="order-details" data-status={order.status}>
          <h2 class="card__title" id="order-lines-title">
            {ORDERS_TEXT.lines} <OrderStatusBadge status={order.status} />
          </h2>
          <table class="report-table crm-table" data-testid="order-lines">
            <thead>
              <tr>
                <th scope="col">{ORDERS_TEXT.product}</th>
                <th scope="col" class="num">
                  {ORDERS_TEXT.quantity}
                </th>
                <th scope="col" class="num">
                  {ORDERS_TEXT.unitPrice}
                </th>
                <th scope="col" class="num">
                  {ORDERS_TEXT.lineTotal}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.items.map((item, i) => (
                <tr key={i} data-testid="order-line-row">
                  <td>
                    {item.name} <span class="card__muted">{item.sku}</span>
                  </td>
                  <td class="num">{formatNumber(item.quantity)}</td>
                  <td class="num">{formatMoney(item.unitPriceCents, order.currency)}</td>
                  <td class="num">{formatMoney(item.amountCents, order.currency)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {SALES_TEXT.total}
                </th>
                <td class="num" data-testid="order-total">
                  <strong>{formatMoney(order.totalCents, order.currency)}</strong>
                </td>
              </tr>
            </tfoot>
          </table>
          {editable && !closed ? (
            <div class="card__actions">
              {next ? (
                <button type="button" class="button button--primary" disabled={busy} onClick={() => void changeStatus(next.to)} data-testid={`order-mark-${next.to}`}>
                  {next.label}
                </button>
              ) : null}
              <button type="button" class="button button--danger-outline" disabled={busy} onClick={() => setCancelling(true)} data-testid="order-cancel">
                {ORDERS_TEXT.cancel}
              </button>
            </div>
          ) : null}
          {problem ? (
            <p class="field__error" role="alert" data-testid="order-status-error">
              {problem}
            </p>
          ) : null}
        </section>
        <div class="deal-side">
          <section class="card" aria-labelledby="order-customer-title">
            <h2 class="card__title" id="order-customer-title">
              {SALES_TEXT.customer}
            </h2>
            <p data-testid="order-customer">{order.customer?.name ?? order.customer?.email ?? CRM_TEXT.none}</p>
            {order.company ? <p class="card__muted">{order.company.name}</p> : null}
            <dl class="kvs">
              <div class="kv">
                <dt class="kv__key">{ORDERS_TEXT.placed}</dt>
                <dd class="kv__value">{formatDate(order.placedAt)}</dd>
              </div>
              <div class="kv">
                <dt class="kv__key">{SALES_TEXT.owner}</dt>
                <dd class="kv__value">{order.owner?.name ?? CRM_TEXT.none}</dd>
              </div>
              <div class="kv">
                <dt class="kv__key">{ORDERS_TEXT.channel}</dt>
                <dd class="kv__value">{order.channel ?? CRM_TEXT.none}</dd>
              </div>
            </dl>
            <div class="card__actions">
              {order.customer ? (
                <button type="button" class="button button--secondary button--small" onClick={() => order.customer && crm.openCustomer(order.customer.id)} data-testid="order-open-customer">
                  {DEAL_TEXT.customerLink}
                </button>
              ) : null}
              {order.dealId ? (
                <button type="button" class="button button--secondary button--small" onClick={() => order.dealId && crm.openSales("deal", order.dealId)} data-testid="order-open-deal">
                  {ORDERS_TEXT.openDeal}
                </button>
              ) : null}
            </div>
          </section>
          <Shipping key={order.updatedAt} order={order} editable={editable && order.status !== "cancelled"} onSave={(carrier, tracking) => patch({ carrier: carrier || null, trackingNumber: tracking || null })} />
        </div>
      </div>
      {cancelling ? (
        <ConfirmDialog
          title={ORDERS_TEXT.cancel}
          body={ORDERS_TEXT.cancelBody}
          confirm={ORDERS_TEXT.cancel}
          danger
          testId="order-cancel-dialog"
          onClose={() => setCancelling(false)}
          onConfirm={async () => {
            const p = await patch({ status: "cancelled" });
            if (p) return { status: 400, code: "ORDER_STATUS_INVALID", message: p, details: {} };
            setCancelling(false);
            return null;
          }}
        />
      ) : null}
    </SalesShell>
  );
}
