/** The console's root view: sign-in, the three-pane workspace (inbox, conversation, details), the reports, or the sessions page. */
import { useEffect } from "preact/hooks";
import { useConsole } from "../controller/use-console.ts";
import { mayReadReports } from "../store/reports.ts";
import { LOGIN_TEXT, PAGE_TITLE } from "../strings.ts";
import { ErrorBanner } from "./common.tsx";
import { ConversationPane } from "./conversation-pane.tsx";
import { DetailsPane } from "./details-pane.tsx";
import { InboxPane } from "./inbox-pane.tsx";
import { LoginView } from "./login-view.tsx";
import { ReportsView } from "./reports-view.tsx";
import { SecurityView } from "./security-view.tsx";
import { TopBar } from "./top-bar.tsx";

/** Root component of the console. */
export function App() {
  const { state, ops } = useConsole();
  const unread = Object.values(state.unread).reduce((sum, n) => sum + n, 0);
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
  const reports = state.page === "reports" && mayReadReports(state.user);
  const security = state.page === "security";
  return (
    <div class="app" data-testid="console">
      <TopBar
        user={state.user}
        page={reports ? "reports" : security ? "security" : "inbox"}
        onPage={(page) => void ops.showPage(page)}
        connection={state.connection}
        onPresence={(s) => void ops.setPresence(s)}
        onLogout={() => void ops.logout()}
      />
      <ErrorBanner message={state.error} onDismiss={ops.dismissError} />
      {/* Hidden rather than unmounted while the reports show, so reply drafts and scroll positions survive. */}
      <div class="workspace" hidden={reports || security}>
        <InboxPane state={state} ops={ops} />
        <ConversationPane state={state} ops={ops} />
        <DetailsPane state={state} ops={ops} />
      </div>
      {reports ? <ReportsView report={state.report} ops={ops} /> : null}
      {security ? <SecurityView ops={ops.security} onBack={() => void ops.showPage("inbox")} /> : null}
    </div>
  );
}
