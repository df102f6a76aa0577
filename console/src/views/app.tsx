/** The console's root view: sign-in, the three-pane workspace (inbox, conversation, details), the reports, the sessions page, a CRM page or a Sales page. */
import { useCallback, useEffect, useState } from "preact/hooks";
import { useConsole } from "../controller/use-console.ts";
import { useShortcuts } from "../controller/use-shortcuts.ts";
import { mayOpen } from "../store/route.ts";
import { ERROR_TEXT, LOGIN_TEXT, PAGE_TITLE } from "../strings.ts";
import { ErrorBanner } from "./common.tsx";
import { ConversationPane } from "./conversation-pane.tsx";
import { Toast } from "./crm/toast.tsx";
import { ErrorState, Loading } from "./crm/ui.tsx";
import { DetailsPane } from "./details-pane.tsx";
import { InboxPane } from "./inbox-pane.tsx";
import { LoginView } from "./login-view.tsx";
import { ReportsView } from "./reports-view.tsx";
import { SalesArea } from "./sales/sales-area.tsx";
import { SearchBox } from "./search/search-box.tsx";
import { SecurityView } from "./security-view.tsx";
import { SettingsView } from "./settings/settings-view.tsx";
import { ShortcutsOverlay } from "./shortcuts-overlay.tsx";
import { TopBar } from "./top-bar.tsx";
import { useLazyPages } from "./use-lazy-pages.ts";

// The CRM pages' own chunk.
const importCrmPages = () => import("./crm/pages.ts");
// The Insights page's own chunk (uPlot comes with its chart on demand).
const importInsightsPages = () => import("./insights/pages.ts");

/** Root component of the console. */
export function App() {
  const { state, ops } = useConsole();
  const crmPage = state.page === "customers" || state.page === "customer" || state.page === "companies" || state.page === "apikeys" || state.page === "inboxes";
  const { pages, failed } = useLazyPages(importCrmPages, crmPage && state.auth === "authenticated");
  const insights = useLazyPages(importInsightsPages, state.page === "insights" && state.auth === "authenticated");
  const unread = Object.values(state.unread).reduce((sum, n) => sum + n, 0) + state.unreadAssigned.length;
  const [help, setHelp] = useState(false);
  const openHelp = useCallback(() => setHelp(true), []);
  const inbox = state.auth === "authenticated" && state.user !== null && state.page === "inbox";
  useShortcuts(state, ops, inbox && !help, openHelp);
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${PAGE_TITLE}` : PAGE_TITLE;
  }, [unread]);
  if (state.auth === "checking") {
    return <div class="splash">{LOGIN_TEXT.loading}</div>;
  }
  if (state.auth === "anonymous" || !state.user) {
    return (
      <>
        <ErrorBanner message={state.error} onDismiss={ops.dismissError} />
        <LoginView onLogin={ops.login} />
      </>
    );
  }
  const page = mayOpen(state.user, state.page) ? state.page : "inbox";
  const { user } = state;
  return (
    <div class="app" data-testid="console">
      <TopBar
        user={user}
        page={page}
        onPage={(page) => void ops.showPage(page)}
        connection={state.connection}
        onPresence={(s) => void ops.setPresence(s)}
        onLogout={() => void ops.logout()}
        search={
          <SearchBox
            user={user}
            knownInboxIds={[...new Set(state.conversations.items.map((c) => c.inboxId))]}
            navigate={{ openConversation: ops.crm.openConversation, openCustomer: ops.crm.openCustomer }}
          />
        }
        onShortcuts={openHelp}
      />
      {help ? <ShortcutsOverlay onClose={() => setHelp(false)} /> : null}
      <ErrorBanner message={state.error} onDismiss={ops.dismissError} />
      {/* Hidden rather than unmounted while the reports show, so reply drafts and scroll positions survive. */}
      <div class="workspace" hidden={page !== "inbox"}>
        <InboxPane state={state} ops={ops} />
        <ConversationPane state={state} ops={ops} />
        <DetailsPane state={state} ops={ops} />
      </div>
      {page === "reports" ? <ReportsView key={state.visit} report={state.report} ops={ops} search={state.reportsSearch} /> : null}
      {page === "insights" ? (
        insights.pages ? (
          <insights.pages.InsightsView key={state.visit} crm={ops.crm} />
        ) : (
          <main class="reports">{insights.failed ? <ErrorState title={ERROR_TEXT.unexpected} message={ERROR_TEXT.network} onRetry={() => location.reload()} /> : <Loading />}</main>
        )
      ) : null}
      {page === "security" ? <SecurityView ops={ops.security} onBack={() => void ops.showPage("inbox")} /> : null}
      {page === "settings" ? <SettingsView user={user} onError={ops.showError} /> : null}
      {/* Keyed by the visit, so following a link (a company's customers, Back) opens the page afresh with its query. */}
      {crmPage && !pages ? (
        <main class="reports">{failed ? <ErrorState title={ERROR_TEXT.unexpected} message={ERROR_TEXT.network} onRetry={() => location.reload()} /> : <Loading />}</main>
      ) : null}
      {pages && page === "customers" ? <pages.CustomersView key={state.visit} crm={ops.crm} user={user} search={state.customersSearch} /> : null}
      {pages && page === "customer" && state.customerId ? <pages.CustomerView key={state.customerId} crm={ops.crm} user={user} customerId={state.customerId} /> : null}
      {pages && page === "companies" ? <pages.CompaniesView crm={ops.crm} user={user} /> : null}
      {pages && page === "apikeys" ? <pages.ApiKeysView crm={ops.crm} /> : null}
      {pages && page === "inboxes" ? <pages.InboxesView crm={ops.crm} /> : null}
      <SalesArea page={page} crm={ops.crm} user={user} salesId={state.salesId} visit={state.visit} dealsVersion={state.dealsVersion} />
      <Toast message={state.toast} onDismiss={() => ops.crm.toast(null)} />
    </div>
  );
}
