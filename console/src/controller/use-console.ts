/**
 * The console's controller hook: state, live socket wiring, URL sync (/console/conversations/:id, /console/reports,
 * /console/security, /console/customers[/:id], /console/companies, /console/settings/api-keys; Back and Forward
 * move between pages) and the operations for the views.
 */
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { AGENT_TOOLS_TEXT } from "../agent-tools-strings.ts";
import { publishNote, publishNotification, publishViewers } from "../realtime/helpdesk-events.ts";
import { connectConsoleSocket, typingSenderType, type ConsoleSocket } from "../realtime/socket-client.ts";
import { consoleReducer, initialState, type ConsoleAction } from "../store/reducer.ts";
import { parseRoute, routePath } from "../store/route.ts";
import type { ConsoleState } from "../store/types.ts";
import { HELPDESK_TEXT } from "../helpdesk-strings.ts";
import { ERROR_TEXT } from "../strings.ts";
import { loadNotifyPrefs, notifyDesktop } from "./desktop-notify.ts";
import { createOperations, type ConsoleOperations } from "./operations.ts";
import { SLA_DUE_TEXT } from "../sla-strings.ts";

// Longer than the widget's 10 s re-announce interval, so a long burst of typing never flickers.
const TYPING_TIMEOUT_MS = 12_000;
const REFUSED_RETRY_MS = 5_000;
// After a snooze ends, the lists are read again this much later (clocks of browser and server differ a little).
const SNOOZE_WAKE_SLACK_MS = 1_000;
const PATH_PREFIX = "/console/conversations/";

/** The conversation id in the address bar (/console/conversations/:id), if any. */
function idFromLocation(): string | null {
  const path = location.pathname;
  if (!path.startsWith(PATH_PREFIX)) return null;
  const id = decodeURIComponent(path.slice(PATH_PREFIX.length)).replace(/\/$/, "");
  return id.length > 0 ? id : null;
}

/** Holds the console's state and keeps it live; returns the state and the operations views call. */
export function useConsole(): { state: ConsoleState; ops: ConsoleOperations } {
  const [state, setState] = useState(initialState);
  // The ref is the source of truth, so async operations read the state they have just changed.
  const stateRef = useRef(state);
  const socketRef = useRef<ConsoleSocket | null>(null);
  const typingTimers = useRef(new Map<string, ReturnType<typeof setTimeout>>());

  const { ops, send } = useMemo(() => {
    const send = (action: ConsoleAction): void => {
      stateRef.current = consoleReducer(stateRef.current, action);
      setState(stateRef.current);
    };
    return { send, ops: createOperations(send, () => stateRef.current, () => socketRef.current) };
  }, []);

  useEffect(() => {
    void ops.checkSession();
  }, [ops]);

  const authenticated = state.auth === "authenticated";
  useEffect(() => {
    if (!authenticated) return undefined;
    // The server's profile says which desktop notifications and sounds this user wants.
    void loadNotifyPrefs();
    void ops.setConversationFilter(stateRef.current.conversationFilter);
    void ops.setTicketFilter(stateRef.current.ticketFilter);
    const fromUrl = idFromLocation();
    if (fromUrl) void ops.selectConversation(fromUrl);
    const route = parseRoute(location.pathname, location.search);
    if (route.page !== "inbox") void ops.showPage(route.page, { customerId: route.customerId ?? undefined, salesId: route.salesId ?? undefined, search: route.search });
    // Back and Forward between pages: the address is the truth, so show what it names.
    const onPopState = (): void => {
      const to = parseRoute(location.pathname, location.search);
      void ops.showPage(to.page, { customerId: to.customerId ?? undefined, salesId: to.salesId ?? undefined, search: to.search });
      const id = idFromLocation();
      if (to.page === "inbox" && id) void ops.selectConversation(id);
    };
    window.addEventListener("popstate", onPopState);

    let retry: ReturnType<typeof setTimeout> | undefined;
    // A snoozed conversation comes back by itself (the server's lists read the time): reload the lists when the earliest snooze ends.
    let wake: { at: number; timer: ReturnType<typeof setTimeout> } | undefined;
    const wakeAt = (iso: string | null | undefined): void => {
      const at = iso ? Date.parse(iso) : NaN;
      if (Number.isNaN(at) || at <= Date.now() || (wake && wake.at <= at)) return;
      if (wake) clearTimeout(wake.timer);
      const timer = setTimeout(() => {
        wake = undefined;
        void ops.resync();
      }, at - Date.now() + SNOOZE_WAKE_SLACK_MS);
      wake = { at, timer };
    };
    const timers = typingTimers.current;
    const connect = (): void => {
      socketRef.current = connectConsoleSocket({
        connected: (resumed) => {
          send({ type: "connection", state: "connected" });
          if (resumed) void ops.resync();
        },
        disconnected: () => send({ type: "connection", state: "reconnecting" }),
        refused: () => {
          send({ type: "connection", state: "reconnecting" });
          // The session may have ended (then checkSession shows the sign-in page); otherwise try again.
          void ops.checkSession().then(() => {
            if (stateRef.current.auth === "authenticated") retry = setTimeout(connect, REFUSED_RETRY_MS);
          });
        },
        "conversation:updated": (conversation) => {
          send({ type: "conversation/upserted", conversation });
          wakeAt(conversation.snoozedUntil);
        },
        "message:new": (message) => send({ type: "message/received", message }),
        "message:updated": (message) => send({ type: "message/updated", message }),
        "ticket:updated": (ticket) => {
          send({ type: "ticket/upserted", ticket });
          wakeAt(ticket.snoozedUntil);
        },
        "agent:updated": (user) => send({ type: "user/updated", user }),
        "deal:updated": () => send({ type: "deals/changed" }),
        "note:new": publishNote,
        "notification:new": (notification) => {
          publishNotification(notification);
          const { conversationId, by, text } = notification.data;
          const open = (): void => {
            if (conversationId) void ops.showPage("inbox").then(() => ops.selectConversation(conversationId));
          };
          if (notification.type === "mention" && by) send({ type: "toast", message: `${by} ${HELPDESK_TEXT.mentionedYou}` });
          if (notification.type === "assigned") {
            if (conversationId) send({ type: "assigned/unread", conversationId });
            send({ type: "toast", message: by ? `${AGENT_TOOLS_TEXT.assignedToYou} (${by})` : AGENT_TOOLS_TEXT.assignedToYou });
          }
          const teamQueued = notification.type === "team_queued" ? AGENT_TOOLS_TEXT.teamQueued(notification.data.team ?? "") : null;
          if (teamQueued) send({ type: "toast", message: by ? `${teamQueued} (${by})` : teamQueued });
          if (notification.type === "negative_spike") {
            const { scope, key, label, share, threshold } = notification.data;
            const spike = AGENT_TOOLS_TEXT.negativeSpike(scope ?? "inbox", label ?? key ?? "", share ?? 0, threshold ?? 0);
            send({ type: "toast", message: spike });
            notifyDesktop("mentions", spike, "", notification.id, () => void ops.showPage("reports"));
          } else if (notification.type === "sla_breach" && notification.data.ticketNumber !== undefined) {
            send({ type: "toast", message: SLA_DUE_TEXT.breachToast(notification.data.ticketNumber, notification.data.metric ?? "") });
          } else {
            // A conversation waiting in one's team's queue is work coming one's way: it follows the "assigned" preference.
            const assigned = notification.type === "assigned" || teamQueued !== null;
            const title = teamQueued ?? (assigned ? AGENT_TOOLS_TEXT.assignedToYou : AGENT_TOOLS_TEXT.mentionedYou);
            notifyDesktop(assigned ? "assigned" : "mentions", title, [by, text].filter(Boolean).join(": "), notification.id, open);
          }
        },
        "conversation:viewers": publishViewers,
        // This session was logged out, revoked or expired (perhaps from another browser): show the sign-in page now.
        "session:ended": () => send({ type: "auth/signedOut", reason: ERROR_TEXT.sessionEnded }),
        typing: (event) => {
          if (typingSenderType(event) !== "customer") return;
          const { conversationId, typing } = event;
          send({ type: "typing", conversationId, typing });
          clearTimeout(timers.get(conversationId));
          // A lost "stopped typing" event must not leave the indicator on forever.
          if (typing) {
            timers.set(
              conversationId,
              setTimeout(() => send({ type: "typing", conversationId, typing: false }), TYPING_TIMEOUT_MS),
            );
          }
        },
      });
    };
    connect();
    // Input anywhere in the console keeps the agent online; the server turns them away after AGENT_IDLE_MINUTES without.
    const onActivity = (): void => socketRef.current?.sendActivity();
    const activityEvents = ["keydown", "pointerdown", "wheel", "focus"] as const;
    for (const name of activityEvents) window.addEventListener(name, onActivity, { passive: true });
    socketRef.current?.viewConversation(stateRef.current.page === "inbox" ? stateRef.current.selectedId : null);
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, onActivity);
      window.removeEventListener("popstate", onPopState);
      clearTimeout(retry);
      if (wake) clearTimeout(wake.timer);
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      socketRef.current?.close();
      socketRef.current = null;
    };
  }, [authenticated, ops, send]);

  // Colleagues see who views a conversation: the one open in the inbox, none while another page shows.
  const viewing = authenticated && state.page === "inbox" ? state.selectedId : null;
  useEffect(() => {
    socketRef.current?.viewConversation(viewing);
  }, [viewing]);

  const shownPage = useRef("");
  useEffect(() => {
    if (!authenticated) return;
    const conversation = state.selectedId ? `${PATH_PREFIX}${encodeURIComponent(state.selectedId)}` : "/console/";
    const target = routePath({ page: state.page, customerId: state.customerId, salesId: state.salesId, search: state.page === "reports" ? state.reportsSearch : state.customersSearch }) ?? conversation;
    // A new page is a new history entry (Back returns); a new search or conversation on the same page replaces it.
    const page = `${state.page}:${state.customerId ?? ""}:${state.salesId ?? ""}`;
    const moved = shownPage.current !== "" && shownPage.current !== page;
    shownPage.current = page;
    if (`${location.pathname}${location.search}` === target) return;
    if (moved) history.pushState(null, "", target);
    else history.replaceState(null, "", target);
  }, [authenticated, state.selectedId, state.page, state.customerId, state.salesId, state.customersSearch, state.reportsSearch]);

  return { state, ops };
}
