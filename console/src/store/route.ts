/** The console's addresses: which page a path shows (deep links), and the path of each page. */
import type { UserDTO } from "../../../src/contracts/api.ts";
import { can } from "../../../src/contracts/permissions.ts";
import type { ConsolePage } from "./types.ts";

/** A page and what it is about: the open customer, or the customers list's or the reports' query ("?q=…"). */
export type ConsoleRoute = { page: ConsolePage; customerId: string | null; search: string; salesId?: string | null };

const CUSTOMER_PREFIX = "/console/customers/";
const DEAL_PREFIX = "/console/sales/deals/";
const ORDER_PREFIX = "/console/sales/orders/";

const FIXED: Partial<Record<ConsolePage, string>> = {
  reports: "/console/reports",
  insights: "/console/insights",
  security: "/console/security",
  customers: "/console/customers",
  companies: "/console/companies",
  apikeys: "/console/settings/api-keys",
  settings: "/console/settings",
  inboxes: "/console/settings/inboxes",
  pipeline: "/console/sales/pipeline",
  orders: "/console/sales/orders",
  products: "/console/sales/products",
  salesDashboard: "/console/sales/dashboard",
  plans: "/console/sales/plans",
  stages: "/console/sales/stages",
  campaigns: "/console/sales/campaigns",
};

/** The id after a prefix, when the path is exactly one more segment. */
function idAfter(path: string, prefix: string): string | null {
  if (!path.startsWith(prefix)) return null;
  const id = decodeURIComponent(path.slice(prefix.length));
  return id && !id.includes("/") ? id : null;
}

/** The route of a path and query; unknown paths show the inbox (the conversation id is read elsewhere). */
export function parseRoute(pathname: string, search: string): ConsoleRoute {
  const path = pathname.replace(/\/+$/, "");
  if (path.startsWith(CUSTOMER_PREFIX)) {
    const id = decodeURIComponent(path.slice(CUSTOMER_PREFIX.length));
    if (id && !id.includes("/")) return { page: "customer", customerId: id, search: "" };
  }
  const dealId = idAfter(path, DEAL_PREFIX);
  if (dealId) return { page: "deal", customerId: null, search: "", salesId: dealId };
  const orderId = idAfter(path, ORDER_PREFIX);
  if (orderId) return { page: "order", customerId: null, search: "", salesId: orderId };
  for (const [page, fixed] of Object.entries(FIXED)) {
    if (fixed === path) return { page: page as ConsolePage, customerId: null, search: page === "customers" || page === "reports" ? search : "" };
  }
  return { page: "inbox", customerId: null, search: "" };
}

/** The path (and query) of a route; the inbox's path depends on the open conversation, so it is not built here. */
export function routePath(route: ConsoleRoute): string | null {
  if (route.page === "customer") return route.customerId ? `${CUSTOMER_PREFIX}${encodeURIComponent(route.customerId)}` : FIXED.customers ?? null;
  if (route.page === "deal") return route.salesId ? `${DEAL_PREFIX}${encodeURIComponent(route.salesId)}` : FIXED.pipeline ?? null;
  if (route.page === "order") return route.salesId ? `${ORDER_PREFIX}${encodeURIComponent(route.salesId)}` : FIXED.orders ?? null;
  const fixed = FIXED[route.page];
  if (!fixed) return null;
  return route.page === "customers" || route.page === "reports" ? `${fixed}${route.search}` : fixed;
}

/** Whether the console offers a link to the page: a page the user may open and use (the stages page: admins only). */
export function mayLinkTo(user: Pick<UserDTO, "role"> | null, page: ConsolePage): boolean {
  if (page === "stages") return user !== null && can(user.role, "pipeline.configure");
  return mayOpen(user, page);
}

/** Whether the user's role may open a page, as the permission matrix says (the server enforces the same). */
export function mayOpen(user: Pick<UserDTO, "role"> | null, page: ConsolePage): boolean {
  if (!user) return false;
  switch (page) {
    case "reports":
    case "insights":
      return can(user.role, "report.read");
    case "customers":
    case "customer":
      return can(user.role, "customer.read");
    case "companies":
      return can(user.role, "company.read");
    case "apikeys":
      return can(user.role, "settings.apikeys");
    case "settings":
      return can(user.role, "settings.users");
    case "inboxes":
      return can(user.role, "settings.inboxes");
    // Everyone in Sales may open the stages page's address; it tells whoever may not change stages so (see mayLinkTo).
    case "pipeline":
    case "deal":
    case "stages":
      return can(user.role, "deal.read", "own");
    case "orders":
    case "order":
      return can(user.role, "order.read");
    case "products":
      return can(user.role, "product.read");
    case "salesDashboard":
      return can(user.role, "sales.report");
    case "plans":
      return can(user.role, "sales.plan");
    case "campaigns":
      return can(user.role, "campaign.read");
    case "inbox":
    case "security":
      return true;
  }
}
