/** The header bar: product, page navigation (what the user's role may open), the search box, live-connection state, presence toggle, notifications, shortcuts, the user, sessions and log out. */
import type { ComponentChildren } from "preact";
import type { UserDTO } from "../../../src/contracts/api.ts";
import { CRM_NAV_TEXT } from "../crm-strings.ts";
import { INSIGHTS_TEXT } from "../insights-strings.ts";
import { SALES_NAV_TEXT } from "../sales-strings.ts";
import { mayOpen } from "../store/route.ts";
import type { ConnectionState, ConsolePage } from "../store/types.ts";
import { HEADER_TEXT, NAV_TEXT, PRODUCT_NAME, SECURITY_TEXT } from "../strings.ts";
import { AGENT_TOOLS_TEXT } from "../agent-tools-strings.ts";
import { Avatar } from "./common.tsx";
import { NotifySettings } from "./notify-settings.tsx";
import { SETTINGS_TEXT } from "./settings/settings-strings.ts";
import { INBOXES_TEXT } from "./settings/inboxes-strings.ts";

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connected: HEADER_TEXT.connected,
  connecting: HEADER_TEXT.connecting,
  reconnecting: HEADER_TEXT.reconnecting,
};

const PRESENCE_TEXT: Record<UserDTO["status"], string> = {
  online: HEADER_TEXT.online,
  away: HEADER_TEXT.away,
  offline: HEADER_TEXT.offline,
};

const PAGES: { value: ConsolePage; label: string }[] = [
  { value: "inbox", label: NAV_TEXT.inbox },
  { value: "customers", label: CRM_NAV_TEXT.customers },
  { value: "companies", label: CRM_NAV_TEXT.companies },
  { value: "pipeline", label: SALES_NAV_TEXT.sales },
  { value: "reports", label: NAV_TEXT.reports },
  { value: "insights", label: INSIGHTS_TEXT.nav },
  { value: "apikeys", label: CRM_NAV_TEXT.apiKeys },
  { value: "settings", label: SETTINGS_TEXT.nav },
  { value: "inboxes", label: INBOXES_TEXT.nav },
];

/** A customer's profile belongs under Customers in the navigation, every Sales page under Sales. */
function navPage(page: ConsolePage): ConsolePage {
  if (page === "customer") return "customers";
  if (page === "deal" || page === "orders" || page === "order" || page === "products" || page === "salesDashboard" || page === "plans" || page === "stages" || page === "campaigns") return "pipeline";
  return page;
}

/** Links between the pages the user's role may open (the permission matrix decides; hidden when only the inbox is left). */
function PageNav(props: { user: UserDTO; page: ConsolePage; onPage: (page: ConsolePage) => void }) {
  const pages = PAGES.filter((p) => mayOpen(props.user, p.value));
  if (pages.length < 2) return null;
  const current = navPage(props.page);
  return (
    <nav class="topnav" aria-label={NAV_TEXT.label}>
      {pages.map((p) => (
        <button
          type="button"
          class={`topnav__item${current === p.value ? " topnav__item--active" : ""}`}
          aria-current={current === p.value ? "page" : undefined}
          onClick={() => props.onPage(p.value)}
          data-testid={`nav-${p.value}`}
        >
          {p.label}
        </button>
      ))}
    </nav>
  );
}

/** Header with the page navigation, the presence toggle (online ⇄ away) and log out. */
export function TopBar(props: {
  user: UserDTO;
  page: ConsolePage;
  onPage: (page: ConsolePage) => void;
  connection: ConnectionState;
  onPresence: (status: "online" | "away") => void;
  onLogout: () => void;
  /** The search box (see views/search). */
  search?: ComponentChildren;
  /** Opens the keyboard shortcuts overlay. */
  onShortcuts: () => void;
}) {
  const { user } = props;
  const online = user.status === "online";
  return (
    <header class="topbar">
      <div class="topbar__brand">
        <span class="logo" aria-hidden="true">S</span>
        <span class="topbar__name">{PRODUCT_NAME}</span>
      </div>
      <PageNav user={user} page={props.page} onPage={props.onPage} />
      {props.search}
      <span class={`conn conn--${props.connection}`} title={CONNECTION_TEXT[props.connection]} data-testid="connection-state">
        <span class="conn__dot" aria-hidden="true" />
        {CONNECTION_TEXT[props.connection]}
      </span>
      <div class="topbar__spacer" />
      <button
        type="button"
        class={`presence presence--${user.status}`}
        role="switch"
        aria-checked={online}
        title={HEADER_TEXT.presenceHint}
        onClick={() => props.onPresence(online ? "away" : "online")}
        data-testid="presence-toggle"
        data-status={user.status}
      >
        <span class="presence__track" aria-hidden="true">
          <span class="presence__thumb" />
        </span>
        <span class="presence__label">{PRESENCE_TEXT[user.status]}</span>
      </button>
      <NotifySettings />
      <button type="button" class="button button--ghost-dark" title={AGENT_TOOLS_TEXT.shortcutsButton} aria-label={AGENT_TOOLS_TEXT.shortcutsButton} onClick={props.onShortcuts} data-testid="shortcuts-open">
        ?
      </button>
      <div class="topbar__user" data-testid="current-user">
        <Avatar id={user.id} label={user.name} size="sm" />
        <span class="topbar__username">{user.name}</span>
        <span class="topbar__role">{user.role}</span>
      </div>
      <button
        type="button"
        class="button button--ghost-dark"
        aria-current={props.page === "security" ? "page" : undefined}
        title={SECURITY_TEXT.openHint}
        onClick={() => props.onPage("security")}
        data-testid="nav-security"
      >
        {SECURITY_TEXT.open}
      </button>
      <button type="button" class="button button--ghost-dark" onClick={props.onLogout} data-testid="logout">
        {HEADER_TEXT.logout}
      </button>
    </header>
  );
}
