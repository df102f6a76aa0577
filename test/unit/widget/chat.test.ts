import { describe, expect, it } from "vitest";
import type { CsatSubmit, CsatSubmitAck, HistoryAck, MessageSend, WidgetMessage } from "../../../src/contracts/messages.ts";
import { Chat } from "../../../widget/src/chat.ts";
import type { Connection, ConnectionHandlers, SendOutcome } from "../../../widget/src/connection.ts";
import { loadPending, memoryStore, type KeyValueStore } from "../../../widget/src/storage.ts";
import { en } from "../../../widget/src/strings.ts";

/** A scripted stand-in for the socket link, answering sends and history from the test. */
class ScriptedLink implements Connection {
  handlers!: ConnectionHandlers;
  connected = false;
  sends: MessageSend[] = [];
  historyCalls: (string | undefined)[] = [];
  answer: (p: MessageSend) => SendOutcome = (p) => ({ kind: "ack", ack: { id: `m-${p.clientMsgId}`, conversationId: "c", createdAt: new Date().toISOString() } });
  historyPage: HistoryAck = [];
  isConnected = (): boolean => this.connected;
  send = async (p: MessageSend): Promise<SendOutcome> => {
    if (!this.connected) return { kind: "offline" };
    this.sends.push(p);
    return this.answer(p);
  };
  history = async (after?: string): Promise<HistoryAck | null> => {
    this.historyCalls.push(after);
    return this.historyPage;
  };
  typing = (): void => {};
  seenIds: string[] = [];
  seen = (id: string): void => {
    this.seenIds.push(id);
  };
  csatSubmits: CsatSubmit[] = [];
  csatAnswer: CsatSubmitAck | null = { data: { conversationId: "c", score: 4 } };
  submitCsat = async (p: CsatSubmit): Promise<CsatSubmitAck | null> => {
    this.csatSubmits.push(p);
    return this.csatAnswer;
  };
  dropTransport = (): void => {};
  close = (): void => {};
  up(): void {
    this.connected = true;
    this.handlers.onState("online");
    this.handlers.onConnect();
  }
  down(): void {
    this.connected = false;
    this.handlers.onState("reconnecting");
  }
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

function makeChat(store: KeyValueStore = memoryStore()): { chat: Chat; link: ScriptedLink; store: KeyValueStore } {
  const link = new ScriptedLink();
  let n = 0;
  const chat = new Chat({
    inbox: "demo",
    store,
    strings: en,
    makeId: () => `id-${++n}`,
    now: () => new Date("2026-01-01T00:00:00Z"),
    openConnection: (handlers) => {
      link.handlers = handlers;
      return link;
    },
  });
  chat.start();
  return { chat, link, store };
}

describe("widget chat session", () => {
  it("refuses empty and over-long text without sending anything", () => {
    const { chat, link } = makeChat();
    link.up();
    expect(chat.send("   ")).toBe(false);
    expect(chat.send("x".repeat(4001))).toBe(false);
    expect(link.sends).toEqual([]);
  });

  it("keeps a message written offline as pending (also in storage) and sends it once connected", async () => {
    const { chat, link, store } = makeChat();
    chat.send("hello");
    await tick();
    expect(chat.state.items[0].status).toBe("pending");
    expect(loadPending(store, "demo")).toHaveLength(1);
    link.up();
    await tick();
    expect(link.sends.map((s) => s.text)).toEqual(["hello"]);
    expect(chat.state.items[0].status).toBe("sent");
    expect(loadPending(store, "demo")).toEqual([]);
  });

  it("resends an unacknowledged message with the same clientMsgId after a reconnect", async () => {
    const { chat, link } = makeChat();
    link.up();
    link.answer = () => ({ kind: "offline" });
    chat.send("lost in transit");
    await tick();
    link.down();
    link.answer = () => ({ kind: "ack", ack: { id: "m1", conversationId: "c", createdAt: "2026-01-01T00:00:01Z" } });
    link.up();
    await tick();
    expect(link.sends.map((s) => s.clientMsgId)).toEqual(["id-1", "id-1"]);
    expect(chat.state.items).toHaveLength(1);
    expect(chat.state.items[0]).toMatchObject({ id: "m1", status: "sent" });
  });

  it("resends messages left pending by a previous page load", async () => {
    const store = memoryStore();
    store.setItem("switchboard:pending:demo", JSON.stringify([{ clientMsgId: "old", text: "before reload", createdAt: "2026-01-01T00:00:00Z" }]));
    const { chat, link } = makeChat(store);
    expect(chat.state.items[0].status).toBe("pending");
    link.up();
    await tick();
    expect(link.sends).toEqual([{ clientMsgId: "old", text: "before reload" }]);
  });

  it("shows an error acknowledgement under the message and does not retry it", async () => {
    const { chat, link } = makeChat();
    link.up();
    link.answer = () => ({ kind: "ack", ack: { error: { code: "VALIDATION", message: "text is longer than 4000 characters" } } });
    chat.send("rejected");
    await tick();
    link.down();
    link.up();
    await tick();
    expect(link.sends).toHaveLength(1);
    expect(chat.state.items[0]).toMatchObject({ status: "failed", error: "text is longer than 4000 characters" });
  });

  it("gives up after a few unanswered attempts and offers a retry", async () => {
    const { chat, link } = makeChat();
    link.up();
    link.answer = () => ({ kind: "timeout" });
    chat.send("nobody answers");
    for (let i = 0; i < 5; i++) await tick();
    expect(link.sends).toHaveLength(3);
    expect(chat.state.items[0]).toMatchObject({ status: "failed", retryable: true });
    link.answer = () => ({ kind: "ack", ack: { id: "m9", conversationId: "c", createdAt: "2026-01-01T00:00:09Z" } });
    chat.retry("id-1");
    await tick();
    expect(chat.state.items[0]).toMatchObject({ status: "sent", id: "m9" });
  });

  it("fetches only the messages after the last one seen when it reconnects", async () => {
    const { chat, link } = makeChat();
    const m = (id: string, s: number): WidgetMessage => ({ id, conversationId: "c", sender: { type: "bot" }, text: id, createdAt: `2026-01-01T00:00:0${s}Z` });
    link.historyPage = [m("a", 1), m("b", 2)];
    link.up();
    await tick();
    link.down();
    link.historyPage = [m("c", 3)];
    link.up();
    await tick();
    expect(link.historyCalls).toEqual([undefined, "b"]);
    expect(chat.state.items.map((i) => i.id)).toEqual(["a", "b", "c"]);
  });

  it("resends several pending messages one at a time in the order they were written", async () => {
    const { chat, link } = makeChat();
    chat.send("first");
    chat.send("second");
    const inFlight: string[] = [];
    let release: (() => void) | undefined;
    link.send = async (p) => {
      link.sends.push(p);
      inFlight.push(p.text);
      expect(inFlight).toHaveLength(1);
      await new Promise<void>((r) => (release = r));
      inFlight.pop();
      return { kind: "ack", ack: { id: `m-${p.text}`, conversationId: "c", createdAt: new Date().toISOString() } };
    };
    link.up();
    await tick();
    expect(link.sends.map((s) => s.text)).toEqual(["first"]);
    release?.();
    await tick();
    expect(link.sends.map((s) => s.text)).toEqual(["first", "second"]);
    release?.();
    await tick();
    expect(chat.state.items.map((i) => i.status)).toEqual(["sent", "sent"]);
  });

  it("shows who is typing and clears it when their message arrives", () => {
    const { chat, link } = makeChat();
    link.up();
    link.handlers.onTyping({ type: "agent", name: "Ana" }, true);
    expect(chat.state.typing).toEqual({ type: "agent", name: "Ana" });
    link.handlers.onMessage({ id: "x", conversationId: "c", sender: { type: "agent", name: "Ana" }, text: "hi", createdAt: "2026-01-01T00:00:01Z" });
    expect(chat.state.typing).toBeNull();
  });

  it("reports the bot's and agents' messages as seen once each, never the customer's own", async () => {
    const { chat, link } = makeChat();
    link.up();
    await tick();
    const at = new Date().toISOString();
    link.handlers.onMessage({ id: "b1", conversationId: "c", sender: { type: "bot" }, text: "Our sale starts today", createdAt: at });
    link.handlers.onMessage({ id: "c1", conversationId: "c", sender: { type: "customer" }, text: "Nice", createdAt: at });
    chat.markSeen();
    chat.markSeen();
    expect(link.seenIds).toEqual(["b1"]);
  });

  it("shows the CSAT survey on csat:request, sends the rating with a trimmed comment, thanks; an error keeps it answerable", async () => {
    const { chat, link } = makeChat();
    link.up();
    expect(chat.state.csat).toBeNull();
    link.handlers.onCsatRequest?.("c");
    expect(chat.state.csat).toEqual({ conversationId: "c", status: "asking" });
    link.csatAnswer = { error: { code: "INTERNAL", message: "Something went wrong." } };
    await chat.submitCsat(4, "  ok  ");
    expect(chat.state.csat).toEqual({ conversationId: "c", status: "failed", error: "Something went wrong." });
    link.csatAnswer = { data: { conversationId: "c", score: 4 } };
    await chat.submitCsat(4, "  ok  ");
    expect(link.csatSubmits.at(-1)).toEqual({ conversationId: "c", score: 4, comment: "ok" });
    expect(chat.state.csat?.status).toBe("thanks");
    // Asked again on reconnect: the thanks stays.
    link.handlers.onCsatRequest?.("c");
    expect(chat.state.csat?.status).toBe("thanks");
  });

  it("a rating given already in another tab (CSAT_ALREADY_SUBMITTED) is thanked", async () => {
    const { chat, link } = makeChat();
    link.up();
    link.handlers.onCsatRequest?.("c");
    link.csatAnswer = { error: { code: "CSAT_ALREADY_SUBMITTED", message: "given already" } };
    await chat.submitCsat(5, "");
    expect(link.csatSubmits).toEqual([{ conversationId: "c", score: 5 }]);
    expect(chat.state.csat?.status).toBe("thanks");
  });
});
