/** The frame of every Sales page: the area's tabs (the pages the user's role may open), the page's title and its actions. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import type { UserDTO } from "../../../../src/contracts/api.ts";
import type { CrmOperations } from "../../controller/crm-operations.ts";
import { CAMPAIGNS_TEXT } from "../../campaign-strings.ts";
import { SALES_NAV_TEXT } from "../../sales-strings.ts";
import { mayLinkTo } from "../../store/route.ts";
import type { SalesPage } from "../../store/types.ts";

const TABS: { page: SalesPage; label: string }[] = [
  { page: "pipeline", label: SALES_NAV_TEXT.pipeline },
  { page: "orders", label: SALES_NAV_TEXT.orders },
  { page: "products", label: SALES_NAV_TEXT.products },
  { page: "salesDashboard", label: SALES_NAV_TEXT.dashboard },
  { page: "plans", label: SALES_NAV_TEXT.plans },
  { page: "stages", label: SALES_NAV_TEXT.stages },
  { page: "campaigns", label: CAMPAIGNS_TEXT.tab },
];

/** Which tab a page belongs under (a deal under the pipeline, an order under the orders). */
function tabOf(page: SalesPage): SalesPage {
  if (page === "deal") return "pipeline";
  if (page === "order") return "orders";
  return page;
}

/** The page frame; the title takes the focus when the page opens, so keyboard and screen-reader users start there. */
export function SalesShell(props: { user: UserDTO; crm: CrmOperations; page: SalesPage; title: string; actions?: ComponentChildren; children: ComponentChildren; testId: string; state?: string; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const current = tabOf(props.page);
  return (
    <main class="reports" data-testid={props.testId} data-state={props.state}>
      <div class={`reports__inner crm-page sales-page${props.wide ? " sales-page--wide" : ""}`}>
        <nav class="sales-tabs" aria-label={SALES_NAV_TEXT.label}>
          {TABS.filter((t) => mayLinkTo(props.user, t.page)).map((t) => (
            <a
              key={t.page}
              href="#"
              class={`sales-tabs__item${current === t.page ? " sales-tabs__item--active" : ""}`}
              aria-current={current === t.page ? "page" : undefined}
              onClick={(e) => {
                e.preventDefault();
                props.crm.openSales(t.page);
              }}
              data-testid={`sales-tab-${t.page}`}
            >
              {t.label}
            </a>
          ))}
        </nav>
        <div class="reports__head">
          <h1 class="reports__title" tabIndex={-1} ref={heading}>
            {props.title}
          </h1>
          {props.actions ? <div class="crm-actions">{props.actions}</div> : null}
        </div>
        {props.children}
      </div>
    </main>
  );
}
