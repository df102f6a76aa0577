import { describe, expect, it } from "vitest";
import { consoleReducer, initialState, type ConsoleAction } from "../../../console/src/store/reducer.ts";
import type { ConsoleState } from "../../../console/src/store/types.ts";
import { buildConversation, buildMessage, buildTicket } from "./fixtures.ts";

const user = { id: "u1", email: "a@x.io", name: "Alex", role: "agent", status: "online" } as const;

function run(actions: ConsoleAction[], from: ConsoleState = initialState()): ConsoleState {
  return actions.reduce(consoleReducer, from);
}

const signedIn: ConsoleAction[] = [
  { type: "auth/signedIn", user },
  { type: "conversations/filter", filter: "open" },
  { type: "conversations/loaded", filter: "open", channel: null, append: false, page: { data: [buildConversation({ id: "c1" }), buildConversation({ id: "c2" })], nextCursor: "next" } },
];

describe("console state", () => {
  it("ignores a list page that answers a filter no longer shown", () => {
    const state = run([...signedIn, { type: "conversations/filter", filter: "resolved" }, { type: "conversations/loaded", filter: "open", channel: null, append: false, page: { data: [buildConversation()], nextCursor: null } }]);
    expect(state.conversations.items).toEqual([]);
    expect(state.conversations.loading).toBe(true);
  });

  it("filters the conversation list by channel: a page for another channel is ignored, and a live update on another channel leaves the list", () => {
    const sms = run([...signedIn, { type: "conversations/channel", channel: "sms" }]);
    expect(run([{ type: "conversations/loaded", filter: "open", channel: null, append: false, page: { data: [buildConversation()], nextCursor: null } }], sms).conversations.items).toEqual([]);
    const loaded = run([{ type: "conversations/loaded", filter: "open", channel: "sms", append: false, page: { data: [buildConversation({ id: "s1", channel: "sms" })], nextCursor: null } }], sms);
    expect(loaded.conversations.items.map((c) => c.id)).toEqual(["s1"]);
    const moved = run([{ type: "conversation/upserted", conversation: buildConversation({ id: "w1", channel: "web" }) }], loaded);
    expect(moved.conversations.items.map((c) => c.id)).toEqual(["s1"]);
  });

  it("a list page that was on its way while a live update arrived keeps the live (newer) copy of that conversation", () => {
    const live = buildConversation({ id: "c1", updatedAt: "2026-03-01T10:00:05.000Z", lastMessage: { text: "Where is my refund?", sender: { type: "customer" }, createdAt: "2026-03-01T10:00:05.000Z" } });
    const stale = buildConversation({ id: "c1", updatedAt: "2026-03-01T10:00:00.000Z", lastMessage: { text: "Hi, Alex here", sender: { type: "agent" }, createdAt: "2026-03-01T10:00:00.000Z" } });
    const state = run([...signedIn, { type: "conversation/upserted", conversation: live }, { type: "conversations/loaded", filter: "open", channel: null, append: false, page: { data: [stale, buildConversation({ id: "c9" })], nextCursor: null } }]);
    expect(state.conversations.items.find((c) => c.id === "c1")?.lastMessage?.text).toBe("Where is my refund?");
    // The page still decides which conversations the list holds: c2 is gone, c9 came.
    expect(state.conversations.items.map((c) => c.id).sort()).toEqual(["c1", "c9"]);
  });

  it("appends the next page on Load more and keeps its cursor", () => {
    const state = run([...signedIn, { type: "conversations/loaded", filter: "open", channel: null, append: true, page: { data: [buildConversation({ id: "c3", updatedAt: "2026-02-01T00:00:00.000Z" })], nextCursor: null } }]);
    expect(state.conversations.items.map((c) => c.id)).toEqual(["c1", "c2", "c3"]);
    expect(state.conversations.nextCursor).toBeNull();
  });

  it("puts a new message into the open conversation and counts unread ones elsewhere", () => {
    const state = run([
      ...signedIn,
      { type: "conversation/selected", id: "c1" },
      { type: "message/received", message: buildMessage({ id: "m1", conversationId: "c1" }) },
      { type: "message/received", message: buildMessage({ id: "m2", conversationId: "c2" }) },
      { type: "message/received", message: buildMessage({ id: "m3", conversationId: "c2" }) },
    ]);
    expect(state.messages.items.map((m) => m.id)).toEqual(["m1"]);
    expect(state.unread).toEqual({ c2: 2 });
    expect(run([{ type: "conversation/selected", id: "c2" }], state).unread).toEqual({});
  });

  it("replaces a message on screen when its channel delivery changes, and ignores one not on screen", () => {
    const pending = buildMessage({ id: "m1", conversationId: "c1", sender: { type: "bot" }, channelDelivery: { status: "pending", attempts: 0, at: "2026-01-01T00:00:00.000Z" } });
    const failed = { ...pending, channelDelivery: { status: "failed", attempts: 5, error: "Telegram answered 500", at: "2026-01-01T00:01:00.000Z" } } as const;
    const state = run([...signedIn, { type: "conversation/selected", id: "c1" }, { type: "message/received", message: pending }, { type: "message/updated", message: failed }]);
    expect(state.messages.items).toHaveLength(1);
    expect(state.messages.items[0].channelDelivery).toEqual(failed.channelDelivery);
    const other = run([{ type: "message/updated", message: buildMessage({ id: "elsewhere", conversationId: "c1" }) }], state);
    expect(other.messages.items.map((m) => m.id)).toEqual(["m1"]);
    expect(other.unread).toEqual(state.unread);
  });

  it("keeps 'sent' when a retry's slower HTTP answer (pending) arrives after the socket said the job sent it", () => {
    const failed = buildMessage({ id: "m1", conversationId: "c1", sender: { type: "bot" }, channelDelivery: { status: "failed", attempts: 1, error: "chat not found", at: "2026-01-01T00:00:00.000Z" } });
    const retried = { ...failed, channelDelivery: { status: "pending", attempts: 0, at: "2026-01-01T00:01:00.000Z" } } as const;
    const sent = { ...failed, channelDelivery: { status: "sent", attempts: 1, at: "2026-01-01T00:01:00.040Z" } } as const;
    const base = [...signedIn, { type: "conversation/selected", id: "c1" }, { type: "message/received", message: failed }] as const;
    const late = run([...base, { type: "message/updated", message: sent }, { type: "message/updated", message: retried }]);
    expect(late.messages.items[0].channelDelivery?.status).toBe("sent");
    const inOrder = run([...base, { type: "message/updated", message: retried }, { type: "message/updated", message: sent }]);
    expect(inOrder.messages.items[0].channelDelivery?.status).toBe("sent");
    // A new retry after that (a newer pending) still shows.
    const again = run([{ type: "message/updated", message: { ...failed, channelDelivery: { status: "pending", attempts: 0, at: "2026-01-01T00:02:00.000Z" } } }], late);
    expect(again.messages.items[0].channelDelivery?.status).toBe("pending");
  });

  it("ignores messages of a conversation the agent has already left", () => {
    const state = run([
      ...signedIn,
      { type: "conversation/selected", id: "c1" },
      { type: "conversation/selected", id: "c2" },
      { type: "messages/loaded", conversationId: "c1", older: false, page: { data: [buildMessage({ conversationId: "c1" })], nextCursor: null } },
    ]);
    expect(state.messages.items).toEqual([]);
  });

  it("replaces the sending reply with the server's copy even without a clientMsgId echo", () => {
    const pending = { ...buildMessage({ id: "local-k1", clientMsgId: "k1", sender: { type: "agent" } }), delivery: "sending" } as const;
    const state = run([
      ...signedIn,
      { type: "conversation/selected", id: "c1" },
      { type: "message/sending", message: pending },
      { type: "message/sent", clientMsgId: "k1", message: buildMessage({ id: "srv", clientMsgId: null, sender: { type: "agent" } }) },
    ]);
    expect(state.messages.items.map((m) => [m.id, m.delivery])).toEqual([["srv", "sent"]]);
  });

  it("clears the typing indicator when the customer's message arrives", () => {
    const state = run([...signedIn, { type: "typing", conversationId: "c1", typing: true }, { type: "message/received", message: buildMessage({ conversationId: "c1" }) }]);
    expect(state.typing.c1).toBe(false);
  });

  it("updates the open conversation's ticket from a live event", () => {
    const state = run([
      ...signedIn,
      { type: "conversation/selected", id: "c1" },
      { type: "ticket/upserted", ticket: buildTicket({ conversationId: "c1" }) },
      { type: "ticket/upserted", ticket: buildTicket({ conversationId: "c1", status: "resolved", updatedAt: "2026-03-02T00:00:00.000Z" }) },
    ]);
    expect(state.ticket?.status).toBe("resolved");
  });

  it("forgets everything on sign-out", () => {
    const state = run([...signedIn, { type: "auth/signedOut" }]);
    expect(state.auth).toBe("anonymous");
    expect(state.user).toBeNull();
    expect(state.conversations.items).toEqual([]);
  });
});
