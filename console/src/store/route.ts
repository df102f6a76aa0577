/** The console's addresses: which page a path shows (deep links), and the path of each page. */
import type { UserDTO } from "../../../src/contracts/api.ts";
import { can } from "../../../src/contracts/permissions.ts";
import type { ConsolePage } from "./types.ts";

/** A page and what it is about: the open customer, or the customers list's query ("?q=…"). */
export type ConsoleRoute = { page: ConsolePage; customerId: string | null; search: string };

const CUSTOMER_PREFIX = "/console/customers/";

const FIXED: Partial<Record<ConsolePage, string>> = {
  reports: "/console/reports",
  security: "/console/security",
  customers: "/console/customers",
  companies: "/console/companies",
  apikeys: "/console/settings/api-keys",
};

/** The route of a path and query; unknown paths show the inbox (the conversation id is read elsewhere). */
export function parseRoute(pathname: string, search: string): ConsoleRoute {
  const path = pathname.replace(/\/+$/, "");
  if (path.startsWith(CUSTOMER_PREFIX)) {
    const id = decodeURIComponent(path.slice(CUSTOMER_PREFIX.length));
    if (id && !id.includes("/")) return { page: "customer", customerId: id, search: "" };
  }
  for (const [page, fixed] of Object.entries(FIXED)) {
    if (fixed === path) return { page: page as ConsolePage, customerId: null, search: page === "customers" ? search : "" };
  }
  return { page: "inbox", customerId: null, search: "" };
}

/** The path (and query) of a route; the inbox's path depends on the open conversation, so it is not built here. */
export function routePath(route: ConsoleRoute): string | null {
  if (route.page === "customer") return route.customerId ? `${CUSTOMER_PREFIX}${encodeURIComponent(route.customerId)}` : FIXED.customers ?? null;
  const fixed = FIXED[route.page];
  if (!fixed) return null;
  return route.page === "customers" ? `${fixed}${route.search}` : fixed;
}

/** Whether the user's role may open a page, as the permission matrix says (the server enforces the same). */
export function mayOpen(user: Pick<UserDTO, "role"> | null, page: ConsolePage): boolean {
  if (!user) return false;
  switch (page) {
    case "reports":
      return can(user.role, "report.read");
    case "customers":
    case "customer":
      return can(user.role, "customer.read");
    case "companies":
      return can(user.role, "company.read");
    case "apikeys":
      return can(user.role, "settings.apikeys");
    case "inbox":
    case "security":
      return true;
  }
}
