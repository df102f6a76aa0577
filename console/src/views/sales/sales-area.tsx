/** The Sales area inside the console's root: loads its chunk, then shows the page the route names. */
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import type { SalesPage } from "../../store/types.ts";
import { ERROR_TEXT } from "../../strings.ts";
import { ErrorState, Loading } from "../crm/ui.tsx";
import { useLazyPages } from "../use-lazy-pages.ts";

const SALES_PAGES: readonly string[] = ["pipeline", "deal", "orders", "order", "products", "salesDashboard", "plans", "stages", "campaigns"] satisfies SalesPage[];

// The Sales pages' own chunk.
const importSalesPages = () => import("./pages.ts");

/** Whether a page is one of the Sales area's. */
export function isSalesPage(page: string): page is SalesPage {
  return SALES_PAGES.includes(page);
}

/** The area; `visit` keys each page so opening it again starts afresh. */
export function SalesArea(props: { page: string; crm: CrmOperations; user: UserDTO; salesId: string | null; visit: number; dealsVersion: number }) {
  const { page, crm, user } = props;
  const active = isSalesPage(page);
  const { pages, failed } = useLazyPages(importSalesPages, active);
  if (!active) return null;
  if (!pages) return <main class="reports">{failed ? <ErrorState title={ERROR_TEXT.unexpected} message={ERROR_TEXT.network} onRetry={() => location.reload()} /> : <Loading />}</main>;
  switch (page) {
    case "pipeline":
      return <pages.PipelineView key={props.visit} crm={crm} user={user} version={props.dealsVersion} />;
    case "deal":
      return props.salesId ? <pages.DealView key={props.salesId} crm={crm} user={user} dealId={props.salesId} version={props.dealsVersion} /> : null;
    case "orders":
      return <pages.OrdersView key={props.visit} crm={crm} user={user} />;
    case "order":
      return props.salesId ? <pages.OrderView key={props.salesId} crm={crm} user={user} orderId={props.salesId} /> : null;
    case "products":
      return <pages.ProductsView key={props.visit} crm={crm} user={user} />;
    case "salesDashboard":
      return <pages.DashboardView key={props.visit} crm={crm} user={user} />;
    case "plans":
      return <pages.PlansView key={props.visit} crm={crm} user={user} />;
    case "stages":
      return <pages.StagesView key={props.visit} crm={crm} user={user} />;
    case "campaigns":
      return <pages.CampaignsView key={props.visit} crm={crm} user={user} />;
  }
}
