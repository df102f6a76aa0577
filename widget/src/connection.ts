/** The widget's socket.io connection to the /widget namespace, speaking the contract in src/contracts/messages.ts. */
import { io, type Socket } from "socket.io-client";
import type { CsatRequestEvent, CsatSubmit, CsatSubmitAck, HistoryAck, MessageSend, MessageSendAck, Sender, SocketError, VisitorEvent, WidgetMessage } from "../../src/contracts/messages.ts";
import type { VisitorHandshake, WidgetConfigEvent } from "../../src/contracts/widget-look.ts";

/** What the chat needs to know about the link: up, being (re)established, or refused for good. */
export type ConnectionState = "connecting" | "online" | "reconnecting" | "failed";

/** Callbacks the connection reports to. */
export type ConnectionHandlers = {
  onState(state: ConnectionState, error?: SocketError): void;
  onConnect(): void;
  onMessage(message: WidgetMessage): void;
  onTyping(sender: Sender, typing: boolean): void;
  /** The server asks the customer to rate a resolved conversation (on resolution, and on connect while it is pending). */
  onCsatRequest?(conversationId: string): void;
};

/** Outcome of a send: the server's acknowledgement, no answer in time, or not connected. */
export type SendOutcome = { kind: "ack"; ack: MessageSendAck } | { kind: "timeout" } | { kind: "offline" };

/** A live link to the server's /widget namespace. */
export type Connection = {
  isConnected(): boolean;
  send(payload: MessageSend): Promise<SendOutcome>;
  history(after?: string): Promise<HistoryAck | null>;
  typing(typing: boolean): void;
  /** Sends the customer's rating; null when offline or unanswered. */
  submitCsat?(payload: CsatSubmit): Promise<CsatSubmitAck | null>;
  /** Tells the server the customer was shown this message (a campaign counts it as seen). */
  seen?(id: string): void;
  dropTransport(): void;
  close(): void;
};

/** A signed identity from the embedding page: an HMAC of the site's user id, or a JWT (see the README's Security section). */
export type WidgetIdentity = { identifier?: string; identifierHash?: string; userJwt?: string };

/** Options for opening the connection. */
export type ConnectionOptions = {
  origin: string;
  path: string;
  inbox: string;
  /** Read at every handshake, so a reconnect sends the id the server issued last. */
  visitorId: () => string;
  /** Called with the id the server says to keep (its "visitor" event on every connection). */
  rememberVisitorId: (visitorId: string) => void;
  identity?: WidgetIdentity;
  /** The page, title and time zone told to the server at every handshake (agents see them). */
  visitorDetails?: () => VisitorHandshake;
  /** Called with the inbox's look the server sends on every connection ("config"). */
  onConfig?: (event: WidgetConfigEvent) => void;
  ackTimeoutMs?: number;
};

/** Reads an acknowledgement as the contract's bare shape, also accepting a `{ data }` envelope (CONVENTIONS' ack style). */
export function unwrapAck<T>(ack: unknown): T {
  if (ack && typeof ack === "object" && !Array.isArray(ack) && "data" in ack && !("error" in ack)) return (ack as { data: T }).data;
  return ack as T;
}

const SERVER_DISCONNECT_RETRY_MS = 2000;
const MAX_SERVER_DISCONNECT_RETRIES = 3;
const RATE_LIMITED_RETRY_SEC = 30;
const MAX_RATE_LIMITED_RETRY_SEC = 300;

/** Opens the connection; reconnection is automatic except when the server refuses the handshake. */
export function connect(options: ConnectionOptions, handlers: ConnectionHandlers): Connection {
  const ackTimeout = options.ackTimeoutMs ?? 15_000;
  const socket: Socket = io(`${options.origin}/widget`, {
    path: options.path,
    auth: (send) => send({ inbox: options.inbox, visitorId: options.visitorId(), ...options.identity, ...options.visitorDetails?.() }),
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
  let serverKicks = 0;
  let closed = false;

  handlers.onState("connecting");
  socket.on("connect", () => {
    handlers.onState("online");
    handlers.onConnect();
  });
  socket.on("connect_error", (err: Error & { data?: Partial<SocketError> }) => {
    // socket.active is false only when the server's middleware refused us; retrying would fail the same way.
    if (!socket.active) {
      const code = err.data?.code ?? (err.message || "CONNECT_REFUSED");
      if (code === "RATE_LIMITED") {
        // Refused for now, not for good: come back when the server says (capped, so no value can park the widget).
        handlers.onState("reconnecting");
        const waitSec = Math.min(Math.max(err.data?.retryAfter ?? RATE_LIMITED_RETRY_SEC, 1), MAX_RATE_LIMITED_RETRY_SEC);
        setTimeout(() => !closed && socket.connect(), waitSec * 1000);
        return;
      }
      handlers.onState("failed", { code, message: err.data?.message ?? code });
      return;
    }
    handlers.onState("reconnecting");
  });
  socket.on("disconnect", (reason) => {
    if (closed) return;
    handlers.onState("reconnecting");
    if (reason !== "io server disconnect") return;
    // The server closed us on purpose (e.g. a deploy); come back a few times, then give up instead of looping.
    if (++serverKicks > MAX_SERVER_DISCONNECT_RETRIES) {
      handlers.onState("failed", { code: "DISCONNECTED", message: "DISCONNECTED" });
      return;
    }
    setTimeout(() => !closed && socket.connect(), SERVER_DISCONNECT_RETRY_MS);
  });
  socket.on("visitor", (event: VisitorEvent) => {
    if (event && typeof event.visitorId === "string") options.rememberVisitorId(event.visitorId);
  });
  socket.on("config", (event: WidgetConfigEvent) => {
    if (event && typeof event.look === "object" && event.look) options.onConfig?.(event);
  });
  socket.on("message:new", (message: WidgetMessage) => handlers.onMessage(message));
  socket.on("csat:request", (event: CsatRequestEvent) => {
    if (event && typeof event.conversationId === "string") handlers.onCsatRequest?.(event.conversationId);
  });
  socket.on("typing", (payload: { sender: Sender; typing: boolean }) => {
    if (payload && payload.sender) handlers.onTyping(payload.sender, payload.typing === true);
  });

  return {
    isConnected: () => socket.connected,
    send(payload) {
      // Emitting while offline would be buffered by socket.io and sent again next to our own resend.
      if (!socket.connected) return Promise.resolve({ kind: "offline" });
      return new Promise((resolve) => {
        socket.timeout(ackTimeout).emit("message:send", payload, (err: Error | null, ack: unknown) => {
          if (err) resolve(socket.connected ? { kind: "timeout" } : { kind: "offline" });
          else resolve({ kind: "ack", ack: unwrapAck<MessageSendAck>(ack) });
        });
      });
    },
    history(after) {
      if (!socket.connected) return Promise.resolve(null);
      return new Promise((resolve) => {
        socket.timeout(ackTimeout).emit("history", after ? { after } : {}, (err: Error | null, ack: unknown) => {
          resolve(err ? null : unwrapAck<HistoryAck>(ack));
        });
      });
    },
    submitCsat(payload) {
      if (!socket.connected) return Promise.resolve(null);
      return new Promise((resolve) => {
        socket.timeout(ackTimeout).emit("csat:submit", payload, (err: Error | null, ack: CsatSubmitAck) => resolve(err ? null : ack));
      });
    },
    typing(typing) {
      if (socket.connected) socket.volatile.emit("typing", { typing });
    },
    seen(id) {
      if (socket.connected) socket.emit("message:seen", { id });
    },
    dropTransport() {
      socket.io.engine?.close();
    },
    close() {
      closed = true;
      socket.disconnect();
    },
  };
}
