/** The header bar: product, live-connection state, presence toggle, the user and log out. */
import type { UserDTO } from "../../../src/contracts/api.ts";
import type { ConnectionState } from "../store/types.ts";
import { HEADER_TEXT, PRODUCT_NAME } from "../strings.ts";
import { Avatar } from "./common.tsx";

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

/** Header with the presence toggle (online ⇄ away) and log out. */
export function TopBar(props: {
  user: UserDTO;
  connection: ConnectionState;
  onPresence: (status: "online" | "away") => void;
  onLogout: () => void;
}) {
  const { user } = props;
  const online = user.status === "online";
  return (
    <header class="topbar">
      <div class="topbar__brand">
        <span class="logo" aria-hidden="true">S</span>
        <span class="topbar__name">{PRODUCT_NAME}</span>
      </div>
      <span class={`conn conn--${props.connection}`} data-testid="connection-state">
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
      <div class="topbar__user" data-testid="current-user">
        <Avatar id={user.id} label={user.name} size="sm" />
        <span class="topbar__username">{user.name}</span>
        <span class="topbar__role">{user.role}</span>
      </div>
      <button type="button" class="button button--ghost-dark" onClick={props.onLogout} data-testid="logout">
        {HEADER_TEXT.logout}
      </button>
    </header>
  );
}
