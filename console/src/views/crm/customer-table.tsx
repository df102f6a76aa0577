/** The customers table: selectable rows, sortable columns, names that open the profile, and the bulk tag bar. */
import { useState } from "preact/hooks";
import type { CustomerSummaryDTO } from "../../../../src/contracts/crm.ts";
import { CUSTOMERS_TEXT } from "../../crm-strings.ts";
import { formatDate } from "../../format.ts";
import { allSelected, parseTags, type CustomerSort, type CustomerSortField } from "../../store/customers.ts";
import { TagPills } from "./ui.tsx";

const SORTABLE: { field: CustomerSortField; label: string }[] = [
  { field: "name", label: CUSTOMERS_TEXT.name },
  { field: "createdAt", label: CUSTOMERS_TEXT.created },
  { field: "updatedAt", label: CUSTOMERS_TEXT.updated },
];

function SortHeader(props: { field: CustomerSortField; label: string; sort: CustomerSort; onSort: (field: CustomerSortField) => void }) {
  const active = props.sort?.field === props.field ? props.sort.dir : null;
  return (
    <th scope="col" aria-sort={active === "asc" ? "ascending" : active === "desc" ? "descending" : "none"}>
      <button type="button" class="sort" onClick={() => props.onSort(props.field)} data-testid={`sort-${props.field}`}>
        {props.label}
        <span class={`sort__arrow${active ? " sort__arrow--on" : ""}`} aria-hidden="true">
          {active === "desc" ? "▼" : "▲"}
        </span>
        {active ? <span class="visually-hidden">, {active === "asc" ? CUSTOMERS_TEXT.sortAsc : CUSTOMERS_TEXT.sortDesc}</span> : null}
      </button>
    </th>
  );
}

/** The bar shown while rows are selected: add or remove tags on all of them. */
export function BulkTagBar(props: { count: number; onApply: (add: string[], remove: string[]) => Promise<boolean>; onClear: () => void }) {
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const tags = parseTags(text);
  const apply = async (mode: "add" | "remove"): Promise<void> => {
    if (tags.length === 0 || busy) return;
    setBusy(true);
    const ok = await props.onApply(mode === "add" ? tags : [], mode === "remove" ? tags : []);
    setBusy(false);
    if (ok) setText("");
  };
  return (
    <div class="bulkbar" role="region" aria-label={CUSTOMERS_TEXT.bulkTags} data-testid="bulk-bar">
      <span class="bulkbar__count" data-testid="bulk-count">
        {props.count} {CUSTOMERS_TEXT.selected}
      </span>
      <label class="bulkbar__field">
        <span class="visually-hidden">{CUSTOMERS_TEXT.bulkTags}</span>
        <input
          class="input input--small"
          placeholder={CUSTOMERS_TEXT.bulkPlaceholder}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              void apply("add");
            }
          }}
          data-testid="bulk-tags"
        />
      </label>
      <button type="button" class="button button--primary button--small" disabled={busy || tags.length === 0} onClick={() => void apply("add")} data-testid="bulk-add">
        {CUSTOMERS_TEXT.addTags}
      </button>
      <button type="button" class="button button--secondary button--small" disabled={busy || tags.length === 0} onClick={() => void apply("remove")} data-testid="bulk-remove">
        {CUSTOMERS_TEXT.removeTags}
      </button>
      <button type="button" class="link" onClick={props.onClear}>
        {CUSTOMERS_TEXT.clearSelection}
      </button>
    </div>
  );
}

/** The table of customers. */
export function CustomerTable(props: {
  items: CustomerSummaryDTO[];
  selected: string[];
  sort: CustomerSort;
  busy: boolean;
  onSort: (field: CustomerSortField) => void;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  onOpen: (id: string) => void;
}) {
  const all = allSelected(props);
  return (
    <table class="report-table crm-table" aria-busy={props.busy} data-testid="customers-table">
      <thead>
        <tr>
          <th scope="col" class="crm-table__check">
            <input type="checkbox" checked={all} onChange={props.onToggleAll} aria-label={CUSTOMERS_TEXT.selectAll} data-testid="select-all" />
          </th>
          <SortHeader {...SORTABLE[0]} sort={props.sort} onSort={props.onSort} />
          <th scope="col">{CUSTOMERS_TEXT.email}</th>
          <th scope="col">{CUSTOMERS_TEXT.phone}</th>
          <th scope="col">{CUSTOMERS_TEXT.company}</th>
          <th scope="col">{CUSTOMERS_TEXT.tagsColumn}</th>
          <SortHeader {...SORTABLE[1]} sort={props.sort} onSort={props.onSort} />
          <SortHeader {...SORTABLE[2]} sort={props.sort} onSort={props.onSort} />
        </tr>
      </thead>
      <tbody>
        {props.items.map((c) => {
          const label = c.name || c.email || c.phone || c.id.slice(0, 8);
          const checked = props.selected.includes(c.id);
          return (
            <tr key={c.id} class={checked ? "crm-table__row--selected" : undefined} data-testid="customer-row" data-customer-id={c.id}>
              <td class="crm-table__check">
                <input type="checkbox" checked={checked} onChange={() => props.onToggle(c.id)} aria-label={`${CUSTOMERS_TEXT.select} ${label}`} data-testid="customer-select" />
              </td>
              <td class="crm-table__name">
                <a
                  href={`/console/customers/${encodeURIComponent(c.id)}`}
                  class="crm-link"
                  onClick={(e) => {
                    if (e.ctrlKey || e.metaKey || e.shiftKey) return;
                    e.preventDefault();
                    props.onOpen(c.id);
                  }}
                  data-testid="customer-link"
                >
                  {label}
                </a>
                {c.tier === "vip" ? <span class="badge badge--priority-high crm-table__vip">{CUSTOMERS_TEXT.vip}</span> : null}
              </td>
              <td>{c.email ?? ""}</td>
              <td>{c.phone ?? ""}</td>
              <td>{c.company?.name ?? ""}</td>
              <td>
                <TagPills tags={c.tags} />
              </td>
              <td>{formatDate(c.createdAt)}</td>
              <td>{formatDate(c.updatedAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
