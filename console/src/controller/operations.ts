/** The console's use cases: each calls the API, then dispatches what happened (errors go to the banner). */
import type { ConversationChannel } from "../../../src/contracts/channels.ts";
import type { MessageDTO } from "../../../src/contracts/api.ts";
import * as api from "../api/endpoints.ts";
import { ApiRequestError } from "../api/http.ts";
import { MAX_MESSAGE_LENGTH as MAX_REPLY_LENGTH } from "../../../src/contracts/messages.ts";
import { newClientId } from "../ids.ts";
import type { ConsoleSocket } from "../realtime/socket-client.ts";
import type { ConsoleAction } from "../store/reducer.ts";
import type { ConsoleState, ConversationFilter, InboxView, TicketFilter } from "../store/types.ts";
import { ERROR_TEXT, LOGIN_TEXT } from "../strings.ts";
import { createAssignmentOperations, type AssignmentOperations } from "./assignment-operations.ts";
import { createCrmOperations, type CrmOperations } from "./crm-operations.ts";
import { createReportOperations, type ReportOperations } from "./report-operations.ts";
import { createSecurityOperations, type SecurityOperations } from "./security-operations.ts";


const TYPING_REPEAT_MS = 5_000;
const TYPING_IDLE_MS = 3_000;

/** Everything the views can ask the console to do. */
export type ConsoleOperations = {
  checkSession: () => Promise<void>;
  login: (email: string, password: string) => Promise<string | null>;
  logout: () => Promise<void>;
  setPresence: (status: "online" | "away") => Promise<void>;
  setView: (view: InboxView) => void;
  setConversationFilter: (filter: ConversationFilter) => Promise<void>;
  setConversationChannel: (channel: ConversationChannel | null) => Promise<void>;
  loadMoreConversations: () => Promise<void>;
  setTicketFilter: (filter: TicketFilter) => Promise<void>;
  loadMoreTickets: () => Promise<void>;
  selectConversation: (id: string | null) => Promise<void>;
  loadEarlierMessages: () => Promise<void>;
  /** Sends a reply; `via` names another of the customer's channels to deliver it through (the conversation's own when absent). */
  sendReply: (text: string, via?: { inboxId: string; channel: string }) => void;
  retryReply: (clientMsgId: string) => void;
  discardReply: (clientMsgId: string) => void;
  /** Queues a reply whose delivery to its chat channel failed again. */
  retryChannelDelivery: (message: { id: string; conversationId: string }) => Promise<void>;
  replyTyping: () => void;
  updateTicket: (patch: api.TicketPatch) => Promise<void>;
  updateCustomer: (customerId: string, patch: { email?: string; phone?: string }) => Promise<void>;
  resync: () => Promise<void>;
  dismissError: () => void;
  /** Shows a message in the error banner (a failure a view met on its own). */
  showError: (message: string) => void;
  /** Shows only conversations with this label (null: every conversation). */
  setConversationLabel: (labelId: string | null) => Promise<void>;
} & ReportOperations & AssignmentOperations & { security: SecurityOperations; crm: CrmOperations };

/** Builds the operations over a dispatcher, a reader of the current state and the live socket. */
export function createOperations(
  dispatch: (action: ConsoleAction) => void,
  getState: () => ConsoleState,
  getSocket: () => ConsoleSocket | null,
): ConsoleOperations {
  let typingSentAt = 0;
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  let typingConversation: string | null = null;

  /** Shows the server's message, or returns to the sign-in screen when the session is gone. */
  function fail(error: unknown): void {
    if (error instanceof ApiRequestError && error.status === 401) {
      dispatch({ type: "auth/signedOut", reason: ERROR_TEXT.sessionEnded });
      return;
    }
    dispatch({ type: "error", message: error instanceof Error && error.message ? error.message : ERROR_TEXT.unexpected });
  }

  function stopTyping(): void {
    clearTimeout(typingTimer);
    if (typingConversation) getSocket()?.sendTyping(typingConversation, false);
    typingConversation = null;
    typingSentAt = 0;
  }

  async function loadConversations(append: boolean): Promise<void> {
    const { conversationFilter: filter, conversationChannel: channel, conversationLabel: label, conversations } = getState();
    try {
      const page = await api.listConversations(filter, append ? conversations.nextCursor : null, { channel, label });
      dispatch({ type: "conversations/loaded", filter, channel, label, page, append });
    } catch (error) {
      dispatch({ type: "conversations/failed" });
      fail(error);
    }
  }

  async function loadTickets(append: boolean): Promise<void> {
    const { ticketFilter: filter, tickets } = getState();
    try {
      const page = await api.listTickets(filter, append ? tickets.nextCursor : null);
      dispatch({ type: "tickets/loaded", filter, page, append });
    } catch (error) {
      dispatch({ type: "tickets/failed" });
      fail(error);
    }
  }

  /** Fetches the open conversation, its latest messages and its ticket (again, after a reconnect). */
  async function loadSelected(id: string): Promise<void> {
    dispatch({ type: "messages/loading" });
    try {
      const [conversation, page] = await Promise.all([api.getConversation(id), api.listMessages(id, null)]);
      if (getState().selectedId !== id) return;
      dispatch({ type: "conversation/upserted", conversation });
      dispatch({ type: "messages/loaded", conversationId: id, page, older: false });
      if (conversation.ticketId) {
        const ticket = await api.getTicket(conversation.ticketId);
        if (getState().selectedId === id) dispatch({ type: "ticket/upserted", ticket });
      }
    } catch (error) {
      dispatch({ type: "messages/failed" });
      fail(error);
    }
  }

  /** The newest message the agent's view shows (sent replies included): a reply carries it to detect a colleague's newer one. */
  function lastSeenMessageId(conversationId: string): string | undefined {
    const { selectedId, messages } = getState();
    if (selectedId !== conversationId) return undefined;
    return messages.items.filter((m) => m.delivery === "sent" && !m.id.startsWith("local-")).at(-1)?.id;
  }

  /** Sends a reply, on another inbox of the customer's with `inboxId`, over a colleague's newer reply with `force`. */
  async function deliver(conversationId: string, text: string, clientMsgId: string, options: { inboxId?: string; force?: boolean } = {}): Promise<void> {
    try {
      const message = await api.sendMessage(conversationId, text, clientMsgId, { inboxId: options.inboxId, lastSeenMessageId: lastSeenMessageId(conversationId), force: options.force });
      dispatch({ type: "message/sent", clientMsgId, message });
    } catch (error) {
      dispatch({ type: "message/failed", clientMsgId });
      if (error instanceof ApiRequestError && error.code === "REPLY_CONFLICT") {
        dispatch({ type: "reply/conflict", conflict: { conversationId, clientMsgId, text, by: error.details.latestReplyBy ?? "" } });
      } else if (error instanceof ApiRequestError && error.status === 401) fail(error);
      else if (error instanceof Error) dispatch({ type: "error", message: error.message });
    }
  }

  function pendingMessage(conversationId: string, text: string, clientMsgId: string, via?: { inboxId: string; channel: string }): MessageDTO {
    const { user, selected } = getState();
    return {
      id: `local-${clientMsgId}`,
      conversationId,
      channel: via?.channel ?? selected?.channel ?? "web",
      ...(via ? { viaInboxId: via.inboxId } : {}),
      clientMsgId,
      sender: { type: "agent", name: user?.name, id: user?.id },
      text,
      annotation: null,
      channelDelivery: null,
      createdAt: new Date().toISOString(),
    };
  }

  const reports = createReportOperations(dispatch, getState);
  const selectConversation = async (id: string | null): Promise<void> => {
    if (id === getState().selectedId) return;
    stopTyping();
    dispatch({ type: "conversation/selected", id });
    if (id) await loadSelected(id);
  };

  return {
    checkSession: async () => {
      try {
        dispatch({ type: "auth/signedIn", user: await api.me() });
      } catch (error) {
        if (error instanceof ApiRequestError && error.status !== 401) fail(error);
        dispatch({ type: "auth/signedOut" });
      }
    },
    login: async (email, password) => {
      try {
        dispatch({ type: "auth/signedIn", user: await api.login(email, password) });
        return null;
      } catch (error) {
        if (error instanceof ApiRequestError && error.code === "INVALID_CREDENTIALS") return error.message || LOGIN_TEXT.invalid;
        return error instanceof Error && error.message ? error.message : ERROR_TEXT.unexpected;
      }
    },
    logout: async () => {
      stopTyping();
      try {
        await api.logout();
      } catch {
        // Signing out locally is what the user asked for, even if the server could not be told.
      }
      dispatch({ type: "auth/signedOut" });
    },
    setPresence: async (status) => {
      try {
        dispatch({ type: "user/updated", user: await api.setPresence(status) });
      } catch (error) {
        fail(error);
      }
    },
    setView: (view) => dispatch({ type: "view", view }),
    setConversationFilter: async (filter) => {
      dispatch({ type: "conversations/filter", filter });
      await loadConversations(false);
    },
    setConversationChannel: async (channel) => {
      dispatch({ type: "conversations/channel", channel });
      await loadConversations(false);
    },
    loadMoreConversations: async () => {
      const { conversations } = getState();
      if (conversations.loading || !conversations.nextCursor) return;
      dispatch({ type: "conversations/loading" });
      await loadConversations(true);
    },
    setTicketFilter: async (filter) => {
      dispatch({ type: "tickets/filter", filter });
      await loadTickets(false);
    },
    loadMoreTickets: async () => {
      const { tickets } = getState();
      if (tickets.loading || !tickets.nextCursor) return;
      dispatch({ type: "tickets/loading" });
      await loadTickets(true);
    },
    selectConversation,
    loadEarlierMessages: async () => {
      const { selectedId, messages } = getState();
      if (!selectedId || messages.loading || !messages.nextCursor) return;
      dispatch({ type: "messages/loading" });
      try {
        const page = await api.listMessages(selectedId, messages.nextCursor);
        dispatch({ type: "messages/loaded", conversationId: selectedId, page, older: true });
      } catch (error) {
        dispatch({ type: "messages/failed" });
        fail(error);
      }
    },
    sendReply: (text, via) => {
      const { selectedId } = getState();
      if (!selectedId || text.trim().length === 0 || text.length > MAX_REPLY_LENGTH) return;
      stopTyping();
      const clientMsgId = newClientId();
      dispatch({ type: "message/sending", message: { ...pendingMessage(selectedId, text, clientMsgId, via), delivery: "sending" } });
      void deliver(selectedId, text, clientMsgId, { inboxId: via?.inboxId });
    },
    retryReply: (clientMsgId) => {
      const failed = getState().messages.items.find((m) => m.clientMsgId === clientMsgId && m.delivery === "failed");
      if (!failed) return;
      dispatch({ type: "message/sending", message: { ...failed, delivery: "sending" } });
      void deliver(failed.conversationId, failed.text, clientMsgId, { inboxId: failed.viaInboxId });
    },
    discardReply: (clientMsgId) => dispatch({ type: "message/discarded", clientMsgId }),
    ...createAssignmentOperations(dispatch, getState, fail, deliver),
    retryChannelDelivery: async ({ id, conversationId }) => {
      try {
        dispatch({ type: "message/updated", message: await api.retryChannelDelivery(conversationId, id) });
      } catch (error) {
        fail(error);
      }
    },
    replyTyping: () => {
      const { selectedId } = getState();
      if (!selectedId) return;
      const now = Date.now();
      if (typingConversation !== selectedId || now - typingSentAt > TYPING_REPEAT_MS) {
        getSocket()?.sendTyping(selectedId, true);
        typingConversation = selectedId;
        typingSentAt = now;
      }
      clearTimeout(typingTimer);
      typingTimer = setTimeout(stopTyping, TYPING_IDLE_MS);
    },
    updateTicket: async (patch) => {
      const { ticket } = getState();
      if (!ticket) return;
      try {
        dispatch({ type: "ticket/upserted", ticket: await api.updateTicket(ticket.id, patch) });
      } catch (error) {
        fail(error);
      }
    },
    updateCustomer: async (customerId, patch) => {
      try {
        // The server announces the change as "conversation:updated", which refreshes every view of this customer.
        await api.updateCustomer(customerId, patch);
      } catch (error) {
        fail(error);
      }
    },
    resync: async () => {
      const { selectedId } = getState();
      await Promise.all([loadConversations(false), loadTickets(false), selectedId ? loadSelected(selectedId) : undefined]);
    },
    dismissError: () => dispatch({ type: "error", message: null }),
    showError: (message) => dispatch({ type: "error", message }),
    setConversationLabel: async (labelId) => {
      dispatch({ type: "conversations/label", labelId });
      await loadConversations(false);
    },
    ...reports,
    security: createSecurityOperations(dispatch),
    crm: createCrmOperations(dispatch, reports.showPage, selectConversation),
  };
}
