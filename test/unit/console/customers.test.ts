import { describe, expect, it } from "vitest";
import {
  applyBulkTags,
  customerListReducer,
  customerQueryParams,
  emptyQuery,
  initialCustomerList,
  nextSort,
  parseTags,
  queryFromSearch,
  searchFromQuery,
  tagChoices,
  type CustomerListAction,
  type CustomerListState,
} from "../../../console/src/store/customers.ts";
import { buildCustomerSummary as customer } from "./fixtures.ts";

const page = (ids: string[], nextCursor: string | null = null) => ({ data: ids.map((id) => customer({ id, name: id })), nextCursor });

function run(actions: CustomerListAction[], from: CustomerListState = initialCustomerList()): CustomerListState {
  return actions.reduce(customerListReducer, from);
}

describe("console customers list", () => {
  it("keeps the search, filters and sort in the address bar and reads them back", () => {
    const query = { q: "ada  ", tag: "vip", companyId: "co1", segment: "churn risk", sort: { field: "createdAt" as const, dir: "desc" as const } };
    const search = searchFromQuery(query);
    expect(search).toBe("?q=ada&tag=vip&companyId=co1&segment=churn+risk&sort=-createdAt");
    expect(queryFromSearch(search)).toEqual({ ...query, q: "ada" });
    expect(searchFromQuery(emptyQuery())).toBe("");
    expect(queryFromSearch("?sort=password&tag=")).toEqual(emptyQuery());
  });

  it("asks the API for exactly the query's parameters, the sort as a signed field", () => {
    expect(customerQueryParams({ ...emptyQuery(), sort: { field: "name", dir: "asc" } })).toEqual({ q: undefined, tag: undefined, companyId: undefined, segment: undefined, sort: "name" });
  });

  it("cycles a column's sort: first direction, the other, then the server's order", () => {
    expect(nextSort(null, "name")).toEqual({ field: "name", dir: "asc" });
    expect(nextSort({ field: "name", dir: "asc" }, "name")).toEqual({ field: "name", dir: "desc" });
    expect(nextSort({ field: "name", dir: "desc" }, "name")).toBeNull();
    expect(nextSort(null, "updatedAt")).toEqual({ field: "updatedAt", dir: "desc" });
    expect(nextSort({ field: "name", dir: "asc" }, "createdAt")).toEqual({ field: "createdAt", dir: "desc" });
  });

  it("reads typed tags as distinct lower-case words", () => {
    expect(parseTags(" VIP, churn risk ,vip,, ")).toEqual(["vip", "churn risk"]);
  });

  it("shows only the answer to the latest request: an older search answering late is dropped", () => {
    const state = run([
      { type: "loading", request: 1, append: false },
      { type: "loading", request: 2, append: false },
      { type: "loaded", request: 2, page: page(["b"]), append: false },
      { type: "loaded", request: 1, page: page(["a"]), append: false },
      { type: "failed", request: 1, message: "late failure" },
    ]);
    expect(state.items.map((c) => c.id)).toEqual(["b"]);
    expect(state.status).toBe("loaded");
    expect(state.error).toBeNull();
  });

  it("appends the next page without duplicates and keeps the cursor of the last", () => {
    const state = run([
      { type: "loading", request: 1, append: false },
      { type: "loaded", request: 1, page: page(["a", "b"], "c1"), append: false },
      { type: "loading", request: 2, append: true },
      { type: "loaded", request: 2, page: page(["b", "c"], null), append: true },
    ]);
    expect(state.items.map((c) => c.id)).toEqual(["a", "b", "c"]);
    expect(state.nextCursor).toBeNull();
  });

  it("selects rows one by one or all at once, and drops selected rows a new search no longer shows", () => {
    const loaded = run([{ type: "loading", request: 1, append: false }, { type: "loaded", request: 1, page: page(["a", "b", "c"]), append: false }]);
    expect(run([{ type: "toggle", id: "b" }], loaded).selected).toEqual(["b"]);
    expect(run([{ type: "toggle", id: "b" }, { type: "toggle", id: "b" }], loaded).selected).toEqual([]);
    const all = run([{ type: "toggleAll" }], loaded);
    expect(all.selected).toEqual(["a", "b", "c"]);
    expect(run([{ type: "toggleAll" }], all).selected).toEqual([]);
    const narrowed = run([{ type: "loading", request: 2, append: false }, { type: "loaded", request: 2, page: page(["b"]), append: false }], all);
    expect(narrowed.selected).toEqual(["b"]);
  });

  it("shows a failure with its message and keeps the rows it had", () => {
    const loaded = run([{ type: "loading", request: 1, append: false }, { type: "loaded", request: 1, page: page(["a"]), append: false }]);
    const failed = run([{ type: "loading", request: 2, append: false }, { type: "failed", request: 2, message: "Internal error" }], loaded);
    expect(failed).toMatchObject({ status: "error", error: "Internal error" });
    expect(failed.items).toHaveLength(1);
  });

  it("applies a bulk tag change to the selected rows as the server does: removals first, then additions, no duplicates", () => {
    const rows = [customer({ id: "a", tags: ["vip", "old"] }), customer({ id: "b", tags: [] }), customer({ id: "c", tags: ["old"] })];
    const changed = applyBulkTags(rows, ["a", "b"], ["new", "vip"], ["old"]);
    expect(changed.map((c) => [c.id, c.tags])).toEqual([
      ["a", ["vip", "new"]],
      ["b", ["new", "vip"]],
    ]);
    const state = run([{ type: "loading", request: 1, append: false }, { type: "loaded", request: 1, page: { data: rows, nextCursor: null }, append: false }, { type: "updated", customers: changed }]);
    expect(state.items.map((c) => c.tags)).toEqual([["vip", "new"], ["new", "vip"], ["old"]]);
  });

  it("offers as tag chips every tag seen, sorted, with the active one even when no row shows it", () => {
    expect(tagChoices([customer({ tags: ["vip", "b2b"] }), customer({ tags: ["vip"] })], "churn", ["newsletter"])).toEqual(["b2b", "churn", "newsletter", "vip"]);
  });
});
