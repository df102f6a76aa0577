import { describe, expect, it } from "vitest";
import { consoleReducer, initialState } from "../../../console/src/store/reducer.ts";
import { mayLinkTo, mayOpen, parseRoute, routePath } from "../../../console/src/store/route.ts";

describe("console routes", () => {
  it("opens each CRM page from its deep link", () => {
    expect(parseRoute("/console/customers", "?q=ada")).toEqual({ page: "customers", customerId: null, search: "?q=ada" });
    expect(parseRoute("/console/customers/", "")).toEqual({ page: "customers", customerId: null, search: "" });
    expect(parseRoute("/console/customers/3f0c7d2e-1111-4222-8333-444455556666", "")).toEqual({ page: "customer", customerId: "3f0c7d2e-1111-4222-8333-444455556666", search: "" });
    expect(parseRoute("/console/companies", "?x=1")).toEqual({ page: "companies", customerId: null, search: "" });
    expect(parseRoute("/console/settings/api-keys", "")).toMatchObject({ page: "apikeys" });
    expect(parseRoute("/console/reports", "")).toMatchObject({ page: "reports" });
    expect(parseRoute("/console/conversations/abc", "")).toMatchObject({ page: "inbox" });
    expect(parseRoute("/console/customers/a/b", "")).toMatchObject({ page: "inbox" });
  });

  it("writes each page's address, the list's query included, and reads it back the same", () => {
    for (const route of [
      { page: "customers" as const, customerId: null, search: "?tag=vip" },
      { page: "customer" as const, customerId: "c 1", search: "" },
      { page: "companies" as const, customerId: null, search: "" },
      { page: "apikeys" as const, customerId: null, search: "" },
    ]) {
      const path = routePath(route) ?? "";
      const [pathname, search = ""] = path.split("?");
      expect(parseRoute(pathname, search ? `?${search}` : "")).toEqual(route);
    }
    expect(routePath({ page: "inbox", customerId: null, search: "" })).toBeNull();
  });

  it("lets every role see customers and companies, and only admins the API keys, as the permission matrix says", () => {
    expect(["agent", "manager", "admin"].map((role) => mayOpen({ role: role as "agent" }, "customers"))).toEqual([true, true, true]);
    expect(["agent", "manager", "admin"].map((role) => mayOpen({ role: role as "agent" }, "companies"))).toEqual([true, true, true]);
    expect(["agent", "manager", "admin"].map((role) => mayOpen({ role: role as "agent" }, "apikeys"))).toEqual([false, false, true]);
    expect(mayOpen(null, "customers")).toBe(false);
  });

  it("the stages page: its address opens for everyone in Sales (who may not change stages is told so there), but only admins get a link to it", () => {
    expect(parseRoute("/console/sales/stages", "")).toMatchObject({ page: "stages" });
    expect(routePath({ page: "stages", customerId: null, search: "" })).toBe("/console/sales/stages");
    expect(["agent", "manager", "admin"].map((role) => mayOpen({ role: role as "agent" }, "stages"))).toEqual([true, true, true]);
    expect(["agent", "manager", "admin"].map((role) => mayLinkTo({ role: role as "agent" }, "stages"))).toEqual([false, false, true]);
    expect(["agent", "manager", "admin"].map((role) => mayLinkTo({ role: role as "agent" }, "plans"))).toEqual([false, true, true]);
    expect(mayLinkTo(null, "stages")).toBe(false);
  });

  it("the Insights page: its address, and only managers and admins (report.read) may open it", () => {
    expect(parseRoute("/console/insights", "")).toEqual({ page: "insights", customerId: null, search: "" });
    expect(routePath({ page: "insights", customerId: null, search: "" })).toBe("/console/insights");
    expect(["agent", "manager", "admin"].map((role) => mayOpen({ role: role as "agent" }, "insights"))).toEqual([false, true, true]);
    expect(mayOpen(null, "insights")).toBe(false);
  });

  it("remembers the open customer and the list's query across page changes, and counts visits", () => {
    const profile = consoleReducer(initialState(), { type: "page", page: "customer", customerId: "c1" });
    expect(profile).toMatchObject({ page: "customer", customerId: "c1", visit: 1 });
    const list = consoleReducer(consoleReducer(profile, { type: "customers/search", search: "?q=ada" }), { type: "page", page: "customers" });
    expect(list).toMatchObject({ page: "customers", customerId: null, customersSearch: "?q=ada", visit: 2 });
    expect(consoleReducer(list, { type: "page", page: "customers", search: "?companyId=x" }).customersSearch).toBe("?companyId=x");
  });
});
