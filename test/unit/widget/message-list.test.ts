import { describe, expect, it } from "vitest";
import type { WidgetMessage } from "../../../src/contracts/messages.ts";
import {
  addPending,
  confirmPending,
  failPending,
  lastSeenId,
  mergeServerMessages,
  pendingOf,
  retryFailed,
} from "../../../widget/src/message-list.ts";

const at = (s: number): string => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
const msg = (id: string, s: number, extra: Partial<WidgetMessage> = {}): WidgetMessage => ({
  id,
  conversationId: "c1",
  sender: { type: "bot", name: "Sparky" },
  text: `text ${id}`,
  createdAt: at(s),
  ...extra,
});
const texts = (items: { text: string }[]): string[] => items.map((i) => i.text);

describe("widget message list", () => {
  it("orders server messages by creation time whatever order they arrive in", () => {
    const items = mergeServerMessages([], [msg("b", 2), msg("a", 1), msg("c", 3)]);
    expect(items.map((i) => i.id)).toEqual(["a", "b", "c"]);
  });

  it("shows a message delivered both live and in a history page only once", () => {
    let items = mergeServerMessages([], [msg("a", 1)]);
    items = mergeServerMessages(items, [msg("a", 1), msg("b", 2)]);
    items = mergeServerMessages(items, [msg("b", 2)]);
    expect(items.map((i) => i.id)).toEqual(["a", "b"]);
  });

  it("replaces the pending message by the server's copy matched by clientMsgId", () => {
    let items = addPending([], [{ clientMsgId: "k1", text: "hello", createdAt: at(5) }]);
    expect(items[0].status).toBe("pending");
    items = mergeServerMessages(items, [msg("m1", 4, { clientMsgId: "k1", sender: { type: "customer" }, text: "hello" })]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: "m1", status: "sent", key: "c:k1" });
  });

  it("collapses the ack and the live copy into one message in either order", () => {
    const pending = addPending([], [{ clientMsgId: "k1", text: "hi", createdAt: at(1) }]);
    const live = msg("m1", 1, { clientMsgId: "k1", sender: { type: "customer" }, text: "hi" });
    const ackFirst = mergeServerMessages(confirmPending(pending, "k1", { id: "m1", conversationId: "c1", createdAt: at(1) }), [live]);
    const liveFirst = confirmPending(mergeServerMessages(pending, [live]), "k1", { id: "m1", conversationId: "c1", createdAt: at(1) });
    expect(ackFirst).toHaveLength(1);
    expect(liveFirst).toHaveLength(1);
    expect(ackFirst[0].status).toBe("sent");
  });

  it("drops a duplicate when a copy without clientMsgId arrived before the ack", () => {
    let items = addPending([], [{ clientMsgId: "k1", text: "hi", createdAt: at(1) }]);
    items = mergeServerMessages(items, [msg("m1", 1, { sender: { type: "customer" }, text: "hi" })]);
    items = confirmPending(items, "k1", { id: "m1", conversationId: "c1", createdAt: at(1) });
    expect(items).toHaveLength(1);
  });

  it("keeps pending messages after the messages that had arrived before them", () => {
    let items = mergeServerMessages([], [msg("a", 1)]);
    items = addPending(items, [{ clientMsgId: "k1", text: "mine", createdAt: at(0) }]);
    items = mergeServerMessages(items, [msg("b", 2)]);
    expect(texts(items)).toEqual(["text a", "mine", "text b"]);
  });

  it("places a confirmed customer message by its server time among replies", () => {
    let items = addPending([], [{ clientMsgId: "k1", text: "question", createdAt: at(0) }]);
    items = mergeServerMessages(items, [msg("r", 3)]);
    items = confirmPending(items, "k1", { id: "q", conversationId: "c1", createdAt: at(2) });
    expect(items.map((i) => i.id)).toEqual(["q", "r"]);
  });

  it("does not add a pending message twice (reload with the same stored message)", () => {
    const p = { clientMsgId: "k1", text: "x", createdAt: at(1) };
    expect(addPending(addPending([], [p]), [p])).toHaveLength(1);
  });

  it("marks a rejected message as failed with its reason and no longer lists it as pending", () => {
    let items = addPending([], [{ clientMsgId: "k1", text: "x", createdAt: at(1) }]);
    items = failPending(items, "k1", "text is longer than 4000 characters");
    expect(items[0]).toMatchObject({ status: "failed", error: "text is longer than 4000 characters" });
    expect(pendingOf(items)).toEqual([]);
    expect(pendingOf(retryFailed(items, "k1"))).toHaveLength(1);
  });

  it("uses the newest confirmed message as the history cursor, ignoring pending ones", () => {
    let items = mergeServerMessages([], [msg("a", 1), msg("b", 2)]);
    items = addPending(items, [{ clientMsgId: "k1", text: "x", createdAt: at(3) }]);
    expect(lastSeenId(items)).toBe("b");
    expect(lastSeenId([])).toBeUndefined();
  });

  it("fills a gap from a history page without reordering or duplicating", () => {
    let items = mergeServerMessages([], [msg("a", 1), msg("d", 4)]);
    items = mergeServerMessages(items, [msg("b", 2), msg("c", 3), msg("d", 4)]);
    expect(items.map((i) => i.id)).toEqual(["a", "b", "c", "d"]);
  });
});
