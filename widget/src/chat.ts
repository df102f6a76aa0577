/** The chat's behaviour, independent of the DOM: sending, acknowledgements, resends, history catch-up and typing. */
import { MAX_MESSAGE_LENGTH, type Sender, type SocketError, type WidgetMessage } from "../../src/contracts/messages.ts";
import type { Connection, ConnectionHandlers, ConnectionState, SendOutcome } from "./connection.ts";
import {
  addPending,
  confirmPending,
  failPending,
  lastSeenId,
  mergeServerMessages,
  pendingOf,
  retryFailed,
  type ChatItem,
} from "./message-list.ts";
import { loadPending, savePending, type KeyValueStore } from "./storage.ts";
import type { WidgetStrings } from "./strings.ts";

/** Everything the view renders. */
export type ChatState = {
  items: ChatItem[];
  connection: ConnectionState | "idle";
  error?: SocketError;
  typing: Sender | null;
  historyLoaded: boolean;
  /** The satisfaction survey: asked, being sent, answered (thanks), or refused (its message); null when none. */
  csat: { conversationId: string; status: "asking" | "sending" | "thanks" | "failed"; error?: string } | null;
};

/** Dependencies of the chat, injected so the logic can run without a browser. */
export type ChatDeps = {
  inbox: string;
  store: KeyValueStore;
  strings: WidgetStrings;
  openConnection(handlers: ConnectionHandlers): Connection;
  makeId(): string;
  now(): Date;
};

/** Why text cannot be sent, or null when it can. */
export function validateDraft(text: string): "empty" | "too-long" | null {
  if (text.trim().length === 0) return "empty";
  if (text.length > MAX_MESSAGE_LENGTH) return "too-long";
  return null;
}

const MAX_TIMEOUT_ATTEMPTS = 3;
const TYPING_HIDE_MS = 8000;

/** The chat session of one visitor in one inbox. */
/** How many of the latest messages an open panel reports as seen (a campaign's message is among the newest). */
const SEEN_WINDOW = 20;

export class Chat {
  private deps: ChatDeps;
  private conn: Connection | null = null;
  private listeners = new Set<(state: ChatState) => void>();
  private gen = 0;
  private flushGen = -1;
  private attempts = new Map<string, number>();
  private reportedSeen = new Set<string>();
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  state: ChatState;

  constructor(deps: ChatDeps) {
    this.deps = deps;
    this.state = { items: addPending([], loadPending(deps.store, deps.inbox)), connection: "idle", typing: null, historyLoaded: false, csat: null };
  }

  /** Registers a listener called after every state change. */
  subscribe(listener: (state: ChatState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the connection once; later calls do nothing. */
  start(): void {
    if (this.conn) return;
    this.conn = this.deps.openConnection({
      onState: (connection, error) => this.update({ connection, error }),
      onConnect: () => this.onConnect(),
      onMessage: (m) => this.onMessage(m),
      onTyping: (sender, typing) => this.onTyping(sender, typing),
      onCsatRequest: (conversationId) => {
        // Asked again on reconnect: a survey already on screen (being filled in, or thanked) stays as it is.
        if (this.state.csat?.conversationId !== conversationId) this.update({ csat: { conversationId, status: "asking" } });
      },
    });
  }

  /** Queues a customer message and sends it when connected; returns false when the text is not sendable. */
  send(text: string): boolean {
    if (validateDraft(text) !== null) return false;
    const clientMsgId = this.deps.makeId();
    this.setItems(addPending(this.state.items, [{ clientMsgId, text, createdAt: this.deps.now().toISOString() }]));
    void this.flush();
    return true;
  }

  /** Sends a failed message again with the same clientMsgId. */
  retry(clientMsgId: string): void {
    this.attempts.delete(clientMsgId);
    this.setItems(retryFailed(this.state.items, clientMsgId));
    void this.flush();
  }

  /** Sends the customer's rating (1–5) and optional comment; a rating given already (another tab) counts as thanked. */
  async submitCsat(score: number, comment: string): Promise<void> {
    const csat = this.state.csat;
    if (!csat || csat.status === "sending" || csat.status === "thanks") return;
    this.update({ csat: { conversationId: csat.conversationId, status: "sending" } });
    const trimmed = comment.trim();
    const ack = await this.conn?.submitCsat?.({ conversationId: csat.conversationId, score, ...(trimmed ? { comment: trimmed } : {}) });
    const error = !ack ? this.deps.strings.csatFailed : "error" in ack && ack.error.code !== "CSAT_ALREADY_SUBMITTED" ? ack.error.message || this.deps.strings.csatFailed : undefined;
    this.update({ csat: { conversationId: csat.conversationId, status: error ? "failed" : "thanks", ...(error ? { error } : {}) } });
  }

  /** Tells the server whether the customer is typing. */
  typing(typing: boolean): void {
    this.conn?.typing(typing);
  }

  /** Reports the bot's and agents' latest messages on screen as seen, each once (the panel is open). */
  markSeen(): void {
    if (!this.conn?.isConnected()) return;
    for (const item of this.state.items.slice(-SEEN_WINDOW)) {
      if (!item.id || item.sender.type === "customer" || this.reportedSeen.has(item.id)) continue;
      this.reportedSeen.add(item.id);
      this.conn.seen?.(item.id);
    }
  }

  /** Drops the transport as a network failure would (used by tests and diagnostics). */
  dropConnection(): void {
    this.conn?.dropTransport();
  }

  private update(patch: Partial<ChatState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  private setItems(items: ChatItem[]): void {
    savePending(this.deps.store, this.deps.inbox, pendingOf(items));
    this.update({ items });
  }

  private onConnect(): void {
    // Acks from the previous link are lost with it, so everything still pending is sent again (the server dedupes).
    this.gen++;
    void this.flush();
    void this.catchUp();
  }

  private async catchUp(): Promise<void> {
    const after = lastSeenId(this.state.items);
    let page = await this.conn?.history(after);
    // An unknown "after" (e.g. the conversation was reset) falls back to the full history.
    if (page && !Array.isArray(page) && after) page = await this.conn?.history();
    if (Array.isArray(page)) this.setItems(mergeServerMessages(this.state.items, page));
    if (!this.state.historyLoaded) this.update({ historyLoaded: true });
  }

  private onMessage(message: WidgetMessage): void {
    if (!message || typeof message.id !== "string" || typeof message.text !== "string") return;
    const typing = this.state.typing;
    const clearsTyping = typing !== null && typing.type === message.sender?.type && typing.name === message.sender?.name;
    this.setItems(mergeServerMessages(this.state.items, [message]));
    if (clearsTyping) this.update({ typing: null });
  }

  private onTyping(sender: Sender, typing: boolean): void {
    if (sender.type === "customer") return;
    clearTimeout(this.typingTimer);
    // A lost "typing: false" must not leave the indicator on forever.
    if (typing) this.typingTimer = setTimeout(() => this.update({ typing: null }), TYPING_HIDE_MS);
    this.update({ typing: typing ? sender : null });
  }

  /** Sends pending messages one at a time, oldest first, so the server commits them in the order they were written. */
  private async flush(): Promise<void> {
    if (!this.conn || this.flushGen === this.gen) return;
    const gen = (this.flushGen = this.gen);
    try {
      for (;;) {
        const next = this.state.items.find((i) => i.status === "pending" && i.clientMsgId !== undefined);
        if (!next?.clientMsgId || !this.conn.isConnected()) return;
        const clientMsgId = next.clientMsgId;
        const outcome = await this.conn.send({ clientMsgId, text: next.text });
        // A newer link has taken over (and resends this message itself); a late answer from the old one is ignored.
        if (gen !== this.gen || outcome.kind === "offline") return;
        this.settle(clientMsgId, outcome);
      }
    } finally {
      if (this.flushGen === gen) this.flushGen = -1;
    }
  }

  private settle(clientMsgId: string, outcome: Exclude<SendOutcome, { kind: "offline" }>): void {
    if (outcome.kind === "timeout") {
      const attempts = (this.attempts.get(clientMsgId) ?? 0) + 1;
      this.attempts.set(clientMsgId, attempts);
      if (attempts >= MAX_TIMEOUT_ATTEMPTS) this.setItems(failPending(this.state.items, clientMsgId, this.deps.strings.notDelivered, true));
      return;
    }
    this.attempts.delete(clientMsgId);
    const ack = outcome.ack;
    if (ack && "error" in ack) {
      const message = ack.error?.message || ack.error?.code || this.deps.strings.notDelivered;
      this.setItems(failPending(this.state.items, clientMsgId, message));
      return;
    }
    if (ack && typeof ack.id === "string") this.setItems(confirmPending(this.state.items, clientMsgId, ack));
    // An acknowledgement without an id breaks the contract; failing beats resending forever.
    else this.setItems(failPending(this.state.items, clientMsgId, this.deps.strings.notDelivered, true));
  }
}
