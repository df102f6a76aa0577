/** The customers list's state: its query (search, filters, sort, kept in the address bar), pages, and the selection for bulk tagging. */
import type { Page } from "../../../src/contracts/api.ts";
import type { CustomerSummaryDTO } from "../../../src/contracts/crm.ts";

/** Columns the list sorts by. */
export type CustomerSortField = "name" | "createdAt" | "updatedAt";

/** A sort: a column and a direction; null leaves the order to the server (best match first, else latest change). */
export type CustomerSort = { field: CustomerSortField; dir: "asc" | "desc" } | null;

/** What the list shows: a search and its filters. */
export type CustomerQuery = { q: string; tag: string | null; companyId: string | null; segment: string | null; sort: CustomerSort };

/** The query of a fresh visit: everyone, the server's order. */
export function emptyQuery(): CustomerQuery {
  return { q: "", tag: null, companyId: null, segment: null, sort: null };
}

/** The sort as the API's `sort` parameter: the field, "-" first for descending ("-createdAt"). */
export function sortParam(sort: CustomerSort): string | undefined {
  if (!sort) return undefined;
  return sort.dir === "desc" ? `-${sort.field}` : sort.field;
}

function parseSort(value: string | null): CustomerSort {
  if (!value) return null;
  const desc = value.startsWith("-");
  const field = desc ? value.slice(1) : value;
  if (field !== "name" && field !== "createdAt" && field !== "updatedAt") return null;
  return { field, dir: desc ? "desc" : "asc" };
}

/** The query's API parameters (also the address bar's, so a filtered list is a link). */
export function customerQueryParams(query: CustomerQuery): Record<string, string | undefined> {
  return {
    q: query.q.trim() || undefined,
    tag: query.tag ?? undefined,
    companyId: query.companyId ?? undefined,
    segment: query.segment ?? undefined,
    sort: sortParam(query.sort),
  };
}

/** Reads a query from the address bar's search part ("?q=ada&tag=vip"). */
export function queryFromSearch(search: string): CustomerQuery {
  const params = new URLSearchParams(search);
  const text = (key: string): string | null => {
    const value = params.get(key)?.trim();
    return value ? value : null;
  };
  return { q: params.get("q") ?? "", tag: text("tag"), companyId: text("companyId"), segment: text("segment"), sort: parseSort(text("sort")) };
}

/** Writes a query as the address bar's search part, "" when it has nothing. */
export function searchFromQuery(query: CustomerQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(customerQueryParams(query))) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The next sort when a column header is clicked: ascending, then descending, then the server's order again. */
export function nextSort(current: CustomerSort, field: CustomerSortField): CustomerSort {
  if (!current || current.field !== field) return { field, dir: field === "name" ? "asc" : "desc" };
  const first = field === "name" ? "asc" : "desc";
  if (current.dir === first) return { field, dir: first === "asc" ? "desc" : "asc" };
  return null;
}

/** Splits typed tags ("vip, churn risk ,vip") into distinct, trimmed, lower-case tags. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0);
  return [...new Set(tags)];
}

/** The customers list on screen. */
export type CustomerListState = {
  query: CustomerQuery;
  items: CustomerSummaryDTO[];
  nextCursor: string | null;
  /** "loading" replaces the rows (a new query), "more" appends a page below them. */
  status: "loading" | "more" | "loaded" | "error";
  error: string | null;
  /** Which request the state waits for: answers to older ones are dropped. */
  request: number;
  selected: string[];
};

/** What can happen to the list. */
export type CustomerListAction =
  | { type: "query"; query: CustomerQuery }
  | { type: "loading"; request: number; append: boolean }
  | { type: "loaded"; request: number; page: Page<CustomerSummaryDTO>; append: boolean }
  | { type: "failed"; request: number; message: string }
  | { type: "toggle"; id: string }
  | { type: "toggleAll" }
  | { type: "clearSelection" }
  | { type: "updated"; customers: CustomerSummaryDTO[] };

/** The list before its first answer. */
export function initialCustomerList(query: CustomerQuery = emptyQuery()): CustomerListState {
  return { query, items: [], nextCursor: null, status: "loading", error: null, request: 0, selected: [] };
}

/** Applies one action to the list; never mutates. */
export function customerListReducer(state: CustomerListState, action: CustomerListAction): CustomerListState {
  switch (action.type) {
    case "query":
      return { ...state, query: action.query };
    case "loading":
      return { ...state, request: action.request, status: action.append ? "more" : "loading", error: null };
    case "loaded": {
      if (action.request !== state.request) return state;
      const items = action.append ? appendUnique(state.items, action.page.data) : action.page.data;
      // A selection only means something for rows on screen; a new search starts a new one.
      const selected = action.append ? state.selected : state.selected.filter((id) => items.some((c) => c.id === id));
      return { ...state, items, nextCursor: action.page.nextCursor, status: "loaded", error: null, selected };
    }
    case "failed":
      if (action.request !== state.request) return state;
      return { ...state, status: "error", error: action.message };
    case "toggle":
      return {
        ...state,
        selected: state.selected.includes(action.id) ? state.selected.filter((id) => id !== action.id) : [...state.selected, action.id],
      };
    case "toggleAll":
      return { ...state, selected: allSelected(state) ? [] : state.items.map((c) => c.id) };
    case "clearSelection":
      return { ...state, selected: [] };
    case "updated": {
      const byId = new Map(action.customers.map((c) => [c.id, c]));
      return { ...state, items: state.items.map((c) => byId.get(c.id) ?? c) };
    }
  }
}

/** Whether every row on screen is selected (and there is at least one). */
export function allSelected(state: Pick<CustomerListState, "items" | "selected">): boolean {
  return state.items.length > 0 && state.items.every((c) => state.selected.includes(c.id));
}

function appendUnique(items: CustomerSummaryDTO[], incoming: CustomerSummaryDTO[]): CustomerSummaryDTO[] {
  const seen = new Set(items.map((c) => c.id));
  return [...items, ...incoming.filter((c) => !seen.has(c.id))];
}

/** Applies a bulk tag change to rows on screen, as the server will have (so the table updates without a reload). */
export function applyBulkTags(customers: CustomerSummaryDTO[], ids: string[], add: string[], remove: string[]): CustomerSummaryDTO[] {
  return customers
    .filter((c) => ids.includes(c.id))
    .map((c) => ({ ...c, tags: [...new Set([...c.tags.filter((t) => !remove.includes(t)), ...add])] }));
}

/** Tags seen on the rows, sorted, plus the active one, for the filter chips. */
export function tagChoices(items: CustomerSummaryDTO[], active: string | null, known: readonly string[] = []): string[] {
  const all = new Set<string>(known);
  for (const c of items) for (const t of c.tags) all.add(t);
  if (active) all.add(active);
  return [...all].sort((a, b) => a.localeCompare(b));
}
