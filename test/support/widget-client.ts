/** A widget customer over a real socket.io client, speaking the /widget contract. */
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import type { CsatRequestEvent, HistoryAck, MessageSendAck, VisitorEvent, WidgetMessage } from "../../src/contracts/messages.ts";

/** A connected customer: sends, reads history, and collects every "message:new". */
export type WidgetCustomer = {
  socket: Socket;
  /** The id the server issued in "visitor" (what a real widget stores and sends next time). */
  visitorId: string;
  received: WidgetMessage[];
  /** Every "csat:request" heard since the socket was created (the server may send one on connect). */
  csatRequests: CsatRequestEvent[];
  send(text: string, clientMsgId?: string): Promise<MessageSendAck>;
  history(after?: string): Promise<HistoryAck>;
  /** Resolves with the first received message (from now or already received after `since`) matching the predicate. */
  waitFor(predicate: (m: WidgetMessage) => boolean, timeoutMs?: number): Promise<WidgetMessage>;
  close(): void;
};

/** A signed identity the embedding page passes (HMAC of the user id, or a JWT). */
export type TestIdentity = { identifier?: string; identifierHash?: string; userJwt?: string };

/** Connects a customer to an inbox: a new visitor unless a server-issued id is given; resolves once the server said which id to keep. */
export async function connectCustomer(url: string, inbox: string, visitorId: string = "new-visitor", identity: TestIdentity = {}): Promise<WidgetCustomer> {
  const socket = io(`${url}/widget`, { auth: { inbox, visitorId, ...identity }, transports: ["websocket"], reconnection: false, forceNew: true });
  const received: WidgetMessage[] = [];
  const csatRequests: CsatRequestEvent[] = [];
  socket.on("csat:request", (event: CsatRequestEvent) => csatRequests.push(event));
  const waiters: { predicate: (m: WidgetMessage) => boolean; resolve: (m: WidgetMessage) => void }[] = [];
  socket.on("message:new", (message: WidgetMessage) => {
    received.push(message);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(message)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  });
  const issued = await new Promise<string>((resolve, reject) => {
    socket.once("visitor", (event: VisitorEvent) => resolve(event.visitorId));
    socket.once("connect_error", (error) => reject(error));
  });
  return {
    socket,
    visitorId: issued,
    received,
    csatRequests,
    send: (text, clientMsgId = randomUUID()) => socket.timeout(10_000).emitWithAck("message:send", { clientMsgId, text }),
    history: (after) => socket.timeout(10_000).emitWithAck("history", after ? { after } : {}),
    waitFor(predicate, timeoutMs = 10_000) {
      const seen = received.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms; received: ${JSON.stringify(received.map((m) => `${m.sender.type}: ${m.text}`))}`)), timeoutMs);
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => socket.disconnect(),
  };
}
