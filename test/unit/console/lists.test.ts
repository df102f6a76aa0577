import { describe, expect, it } from "vitest";
import { conversationMatches, mergeConversations, mergeTickets, ticketMatches } from "../../../console/src/store/lists.ts";
import { buildConversation, buildTicket } from "./fixtures.ts";

const at = (minute: number): string => new Date(Date.UTC(2026, 2, 1, 10, minute)).toISOString();

describe("conversation list", () => {
  it("orders conversations by latest activity, newest first", () => {
    const a = buildConversation({ id: "a", updatedAt: at(1) });
    const b = buildConversation({ id: "b", updatedAt: at(5) });
    const c = buildConversation({ id: "c", updatedAt: at(2), lastMessage: { text: "hi", sender: { type: "customer" }, createdAt: at(9) } });
    expect(mergeConversations([], [a, b, c], "open").map((x) => x.id)).toEqual(["c", "b", "a"]);
  });

  it("when a conversation is updated, moves it to the top without duplicating it", () => {
    const list = mergeConversations([], [buildConversation({ id: "a", updatedAt: at(1) }), buildConversation({ id: "b", updatedAt: at(2) })], "open");
    const merged = mergeConversations(list, [buildConversation({ id: "a", updatedAt: at(3) })], "open");
    expect(merged.map((x) => x.id)).toEqual(["a", "b"]);
  });

  it("when a new conversation arrives, adds it at the top", () => {
    const list = mergeConversations([], [buildConversation({ id: "a", updatedAt: at(1) })], "open");
    expect(mergeConversations(list, [buildConversation({ id: "new", updatedAt: at(7) })], "open")[0].id).toBe("new");
  });

  it("keeps the fresher copy when a stale update arrives late", () => {
    const fresh = buildConversation({ id: "a", status: "handoff", updatedAt: at(5) });
    const stale = buildConversation({ id: "a", status: "bot", updatedAt: at(1) });
    expect(mergeConversations([fresh], [stale], "open")[0].status).toBe("handoff");
  });

  it("when a conversation is resolved, removes it from the open list", () => {
    const list = [buildConversation({ id: "a", status: "handoff", updatedAt: at(1) })];
    expect(mergeConversations(list, [buildConversation({ id: "a", status: "resolved", updatedAt: at(2) })], "open")).toEqual([]);
  });

  it("treats open as bot plus waiting for human", () => {
    expect(conversationMatches(buildConversation({ status: "bot" }), "open")).toBe(true);
    expect(conversationMatches(buildConversation({ status: "handoff" }), "open")).toBe(true);
    expect(conversationMatches(buildConversation({ status: "resolved" }), "open")).toBe(false);
    expect(conversationMatches(buildConversation({ status: "handoff" }), "bot")).toBe(false);
    expect(conversationMatches(buildConversation({ status: "resolved" }), "all")).toBe(true);
  });
});

describe("ticket list", () => {
  it("filters by status and assignee", () => {
    const mine = buildTicket({ assignee: { id: "u1", name: "Me" } });
    const free = buildTicket({ id: "t2" });
    expect(ticketMatches(mine, { status: "open", assignee: "me" }, "u1")).toBe(true);
    expect(ticketMatches(free, { status: "open", assignee: "me" }, "u1")).toBe(false);
    expect(ticketMatches(free, { status: "open", assignee: "unassigned" }, "u1")).toBe(true);
    expect(ticketMatches(mine, { status: "resolved", assignee: "any" }, "u1")).toBe(false);
  });

  it("when a ticket is resolved, removes it from the open list and keeps the rest sorted", () => {
    const list = mergeTickets([], [buildTicket({ id: "a", updatedAt: at(1) }), buildTicket({ id: "b", updatedAt: at(2) })], { status: "open", assignee: "any" }, null);
    expect(list.map((t) => t.id)).toEqual(["b", "a"]);
    const after = mergeTickets(list, [buildTicket({ id: "b", status: "resolved", updatedAt: at(3) })], { status: "open", assignee: "any" }, null);
    expect(after.map((t) => t.id)).toEqual(["a"]);
  });
});
