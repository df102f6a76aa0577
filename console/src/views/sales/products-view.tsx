/** The product catalogue: search, archived shown on request, add, edit and archive (managers and admins; agents read it). */
import { useEffect, useState } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { ProductDTO } from "../../../../src/contracts/sales.ts";
import { can } from "../../../../src/contracts/permissions.ts";
import * as salesApi from "../../api/sales-endpoints.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { formatMoney } from "../../crm-format.ts";
import { CRM_TEXT } from "../../crm-strings.ts";
import { PRODUCTS_TEXT } from "../../sales-strings.ts";
import { ConfirmDialog } from "../crm/ui.tsx";
import { SalesListPage, type ListColumn, type ListContent } from "./list-page.tsx";
import { ProductDialog } from "./product-dialog.tsx";

type ListState = { items: ProductDTO[]; nextCursor: string | null; status: "loading" | "more" | "loaded" | "error"; error: string | null };

const SEARCH_DELAY_MS = 250;

/** The page. */
export function ProductsView(props: { crm: CrmOperations; user: UserDTO }) {
  const { crm, user } = props;
  const [q, setQ] = useState("");
  const [archived, setArchived] = useState(false);
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, status: "loading", error: null });
  const [editing, setEditing] = useState<ProductDTO | "new" | null>(null);
  const [archiving, setArchiving] = useState<ProductDTO | null>(null);
  const [generation, setGeneration] = useState(0);
  const canWrite = can(user.role, "product.write");
  const load = async (cursor: string | null, signal?: { stale: boolean }): Promise<void> => {
    setList((s) => ({ ...s, status: cursor ? "more" : "loading", error: null }));
    const result = await crm.attempt(() => salesApi.listProducts({ q: q.trim() || undefined, active: archived ? undefined : "true", cursor }));
    if (signal?.stale) return;
    if (!result.ok) setList((s) => ({ ...s, status: "error", error: result.failure.message }));
    else setList((s) => ({ items: cursor ? [...s.items, ...result.data.data] : result.data.data, nextCursor: result.data.nextCursor, status: "loaded", error: null }));
  };
  useEffect(() => {
    const signal = { stale: false };
    const timer = setTimeout(() => void load(null, signal), q ? SEARCH_DELAY_MS : 0);
    return () => {
      signal.stale = true;
      clearTimeout(timer);
    };
  }, [q, archived, generation]);
  const reload = (): void => setGeneration((g) => g + 1);

  const columns: ListColumn[] = [
    { label: PRODUCTS_TEXT.sku },
    { label: PRODUCTS_TEXT.name },
    { label: PRODUCTS_TEXT.description },
    { label: PRODUCTS_TEXT.price, numeric: true },
    { label: PRODUCTS_TEXT.active },
    ...(canWrite ? [{ label: CRM_TEXT.edit, hidden: true }] : []),
  ];
  let content: ListContent;
  if (list.status === "loading" && list.items.length === 0) content = { state: "loading" };
  else if (list.status === "error") content = { state: "error", title: PRODUCTS_TEXT.failed, message: list.error ?? "", onRetry: reload };
  else if (list.items.length === 0) content = { state: "empty", title: q.trim() ? PRODUCTS_TEXT.noMatch : PRODUCTS_TEXT.empty, hint: q.trim() || !canWrite ? undefined : PRODUCTS_TEXT.emptyHint };
  else content = { state: "rows" };
  const rows = list.items.map((p) => (
    <tr key={p.id} class={p.active ? undefined : "crm-table__row--revoked"} data-testid="product-row" data-product-id={p.id} data-active={String(p.active)}>
      <td>
        <code>{p.sku}</code>
      </td>
      <td class="crm-table__name">{p.name}</td>
      <td class="crm-table__wrap card__muted">{p.description ?? ""}</td>
      <td class="num">{formatMoney(p.priceCents, p.currency)}</td>
      <td>{p.active ? PRODUCTS_TEXT.active : <span class="badge">{PRODUCTS_TEXT.archived}</span>}</td>
      {canWrite ? (
        <td class="crm-table__actions">
          <button type="button" class="link" onClick={() => setEditing(p)} aria-label={`${CRM_TEXT.edit} ${p.name}`} data-testid="product-edit">
            {CRM_TEXT.edit}
          </button>
          {p.active ? (
            <button type="button" class="link link--danger" onClick={() => setArchiving(p)} aria-label={`${PRODUCTS_TEXT.archive} ${p.name}`} data-testid="product-archive">
              {PRODUCTS_TEXT.archive}
            </button>
          ) : (
            <button
              type="button"
              class="link"
              onClick={() => void crm.attempt(() => salesApi.updateProduct(p.id, { active: true })).then((r) => (r.ok ? reload() : crm.toast(r.failure.message)))}
              aria-label={`${PRODUCTS_TEXT.restore} ${p.name}`}
              data-testid="product-restore"
            >
              {PRODUCTS_TEXT.restore}
            </button>
          )}
        </td>
      ) : null}
    </tr>
  ));
  const toolbar = (
    <>
      {!canWrite ? <p class="card__muted sales-hint">{PRODUCTS_TEXT.readOnly}</p> : null}
      <div class="crm-toolbar" role="search">
        <label class="crm-toolbar__search">
          <span class="visually-hidden">{PRODUCTS_TEXT.search}</span>
          <input class="input" type="search" placeholder={PRODUCTS_TEXT.searchPlaceholder} value={q} onInput={(e) => setQ(e.currentTarget.value)} data-testid="product-search" />
        </label>
        <label class="crm-toolbar__filter checkbox">
          <input type="checkbox" checked={archived} onChange={(e) => setArchived(e.currentTarget.checked)} data-testid="products-archived" /> {PRODUCTS_TEXT.showArchived}
        </label>
      </div>
    </>
  );
  return (
    <SalesListPage
      user={user}
      crm={crm}
      page="products"
      name="products"
      title={PRODUCTS_TEXT.title}
      shellState={list.status}
      actions={
        canWrite ? (
          <button type="button" class="button button--primary" onClick={() => setEditing("new")} data-testid="new-product">
            {PRODUCTS_TEXT.newProduct}
          </button>
        ) : null
      }
      toolbar={toolbar}
      columns={columns}
      content={content}
      rows={rows}
    >
      {list.nextCursor && list.status !== "error" ? (
        <button type="button" class="button button--secondary crm-more" disabled={list.status === "more"} onClick={() => void load(list.nextCursor)} data-testid="products-more">
          {list.status === "more" ? CRM_TEXT.loadingMore : CRM_TEXT.loadMore}
        </button>
      ) : null}
      {editing ? (
        <ProductDialog
          crm={crm}
          product={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            reload();
          }}
        />
      ) : null}
      {archiving ? (
        <ConfirmDialog
          title={PRODUCTS_TEXT.archiveTitle}
          body={`${archiving.name}: ${PRODUCTS_TEXT.archiveBody}`}
          confirm={PRODUCTS_TEXT.archive}
          testId="product-archive-dialog"
          onClose={() => setArchiving(null)}
          onConfirm={async () => {
            const result = await crm.attempt(() => salesApi.archiveProduct(archiving.id));
            if (!result.ok) return result.failure;
            setArchiving(null);
            crm.toast(PRODUCTS_TEXT.archivedToast);
            reload();
            return null;
          }}
        />
      ) : null}
    </SalesListPage>
  );
}
