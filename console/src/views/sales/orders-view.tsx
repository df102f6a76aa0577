/** The orders list: filters (status, customer, placed between two dates), pages by cursor, and "New order". */
import { useState } from "preact/hooks";
import type { Page, UserDTO } from "../../../../src/contracts/api.ts";
import type { OrderDTO, OrderStatus } from "../../../../src/contracts/sales.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { formatDate, formatNumber } from "../../format.ts";
import { ORDER_STATUS_TEXT, ORDERS_TEXT, SALES_TEXT } from "../../sales-strings.ts";
import { useLoad } from "../crm/ui.tsx";
import { CustomerPicker, type PickedCustomer } from "./customer-picker.tsx";
import { SalesListPage, type ListColumn, type ListContent } from "./list-page.tsx";
import { NewOrderDialog } from "./new-order-dialog.tsx";

const STATUSES: OrderStatus[] = ["processing", "shipped", "delivered", "cancelled"];

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** An order's status as a pill. */
export function OrderStatusBadge(props: { status: OrderStatus }) {
  return (
    <span class={`badge badge--order-${props.status}`} data-testid="order-status">
      {ORDER_STATUS_TEXT[props.status]}
    </span>
  );
}

/** The page. */
export function OrdersView(props: { crm: CrmOperations; user: UserDTO }) {
  const { crm, user } = props;
  const [status, setStatus] = useState<OrderStatus | "">("");
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  // The cursors of the pages before the one shown, so Previous goes back without the server keeping state.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [creating, setCreating] = useState(false);
  const cursor = cursors[cursors.length - 1] ?? null;
  // "To" names the last day shown; the API's periods are half-open, so it gets the day after.
  const filters: salesApi.OrderFilters = { status, customerId: customer?.id ?? "", from, to: to ? dayAfter(to) : "" };
  const [loaded, reload] = useLoad<Page<OrderDTO>>(crm, JSON.stringify([filters, cursor]), () => salesApi.listOrders(filters, cursor));
  const refilter = (change: () => void): void => {
    change();
    setCursors([null]);
  };
  const filtered = status !== "" || customer !== null || from !== "" || to !== "";

  const columns: ListColumn[] = [
    { label: ORDERS_TEXT.number },
    { label: ORDERS_TEXT.placed },
    { label: SALES_TEXT.customer },
    { label: SALES_TEXT.status },
    { label: ORDERS_TEXT.items, numeric: true },
    { label: SALES_TEXT.total, numeric: true },
  ];
  let content: ListContent;
  if (loaded.state === "loading") content = { state: "loading" };
  else if (loaded.state === "error") content = { state: "error", title: ORDERS_TEXT.failed, message: loaded.failure.message, onRetry: reload };
  else if (loaded.data.data.length === 0) content = { state: "empty", title: filtered ? ORDERS_TEXT.noMatch : ORDERS_TEXT.empty, hint: filtered ? undefined : ORDERS_TEXT.emptyHint };
  else content = { state: "rows" };
  const rows =
    loaded.state === "loaded"
      ? loaded.data.data.map((o) => (
          <tr key={o.id} data-testid="order-row" data-order-id={o.id}>
            <td class="crm-table__name">
              <a
                class="crm-link"
                href={`/console/sales/orders/${encodeURIComponent(o.id)}`}
                onClick={(e) => {
                  e.preventDefault();
                  crm.openSales("order", o.id);
                }}
                data-testid="order-link"
              >
                {o.number}
              </a>
            </td>
            <td>{formatDate(o.placedAt)}</td>
            <td>{o.customer?.name ?? o.customer?.email ?? ""}</td>
            <td>
              <OrderStatusBadge status={o.status} />
            </td>
            <td class="num">{formatNumber(o.units)}</td>
            <td class="num">{formatMoney(o.totalCents, o.currency)}</td>
          </tr>
        ))
      : null;
  const toolbar = (
    <div class="crm-toolbar sales-filters" role="search">
      <label class="field">
        <span class="field__label">{SALES_TEXT.status}</span>
        <select class="select select--field" value={status} onChange={(e) => refilter(() => setStatus(e.currentTarget.value as OrderStatus | ""))} data-testid="orders-status">
          <option value="">{ORDERS_TEXT.anyStatus}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {ORDER_STATUS_TEXT[s]}
            </option>
          ))}
        </select>
      </label>
      <CustomerPicker value={customer} onChange={(c) => refilter(() => setCustomer(c))} testId="orders-customer" allowClear />
      <label class="field">
        <span class="field__label">{ORDERS_TEXT.from}</span>
        <input class="input" type="date" value={from} onChange={(e) => refilter(() => setFrom(e.currentTarget.value))} data-testid="orders-from" />
      </label>
      <label class="field">
        <span class="field__label">{ORDERS_TEXT.to}</span>
        <input class="input" type="date" value={to} onChange={(e) => refilter(() => setTo(e.currentTarget.value))} data-testid="orders-to" />
      </label>
      {filtered ? (
        <button
          type="button"
          class="link"
          onClick={() =>
            refilter(() => {
              setStatus("");
              setCustomer(null);
              setFrom("");
              setTo("");
            })
          }
          data-testid="orders-clear"
        >
          {ORDERS_TEXT.clear}
        </button>
      ) : null}
    </div>
  );
  return (
    <SalesListPage
      user={user}
      crm={crm}
      page="orders"
      name="orders"
      title={ORDERS_TEXT.title}
      shellState={loaded.state}
      actions={
        can(user.role, "order.create") ? (
          <button type="button" class="button button--primary" onClick={() => setCreating(true)} data-testid="new-order">
            {ORDERS_TEXT.newOrder}
          </button>
        ) : null
      }
      toolbar={toolbar}
      columns={columns}
      content={content}
      rows={rows}
    >
      {cursors.length > 1 || (loaded.state === "loaded" && loaded.data.nextCursor) ? (
      <nav class="pager" aria-label={SALES_TEXT.page}>
        <button type="button" class="button button--secondary" disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="orders-previous">
          {SALES_TEXT.previous}
        </button>
        <span class="card__muted">
          {SALES_TEXT.page} {cursors.length}
        </span>
        <button
          type="button"
          class="button button--secondary"
          disabled={loaded.state !== "loaded" || !loaded.data.nextCursor}
          onClick={() => loaded.state === "loaded" && loaded.data.nextCursor && setCursors((c) => [...c, loaded.data.nextCursor])}
          data-testid="orders-next"
        >
          {SALES_TEXT.next}
        </button>
      </nav>
      ) : null}
      {creating ? (
        <NewOrderDialog
          crm={crm}
          onClose={() => setCreating(false)}
          onCreated={(order) => {
            setCreating(false);
            crm.openSales("order", order.id);
          }}
        />
      ) : null}
    </SalesListPage>
  );
}
