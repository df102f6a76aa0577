import { describe, expect, it } from "vitest";
import type { CannedReplyDTO } from "../../../src/contracts/helpdesk.ts";
import { formatIntentConfidence, formatRunnerUp, initials } from "../../../console/src/format.ts";
import { filterCanned } from "../../../console/src/views/canned-picker.tsx";
import { conversationStateText } from "../../../console/src/views/common.tsx";

const at = "2026-03-01T10:00:00.000Z";
const last = (type: "customer" | "agent" | "bot" | "system") => ({ text: "x", sender: { type }, createdAt: at });

describe("the conversation status pill", () => {
  it("says who has a handed-off conversation and whose turn it is, instead of 'Waiting for human'", () => {
    const sam = { id: "u1", name: "Sam Support" };
    expect(conversationStateText({ status: "handoff", assignee: sam, lastMessage: last("agent") })).toBe("Sam Support · waiting for the customer");
    expect(conversationStateText({ status: "handoff", assignee: sam, lastMessage: last("customer") })).toBe("Sam Support · waiting for us");
    expect(conversationStateText({ status: "handoff", assignee: null, lastMessage: last("bot") })).toBe("In the queue · waiting for us");
    expect(conversationStateText({ status: "handoff", assignee: sam, lastMessage: null })).toBe("Sam Support · waiting for us");
    expect(conversationStateText({ status: "handoff", assignee: null, lastMessage: last("customer") })).toBe("In the queue · waiting for us");
    expect(conversationStateText({ status: "bot", assignee: null, lastMessage: null })).toBe("Bot");
    expect(conversationStateText({ status: "resolved", assignee: null, lastMessage: null })).toBe("Resolved");
  });
});

describe("avatars of generated visitor names", () => {
  it("take the letters of the words, not the separator", () => {
    expect(initials("Visitor · Kind Lynx")).toBe("VK");
  });
});

describe("intent chips", () => {
  it("never show 100 % or 0 %, and name the runner-up", () => {
    expect(formatIntentConfidence({ name: "track_order", confidence: 0.9996 })).toBe(">99%");
    expect(formatIntentConfidence({ name: "contact_human_agent", confidence: 1 })).toBe(">99%");
    expect(formatRunnerUp({ alternatives: [{ name: "switch_account", confidence: 0 }] })).toBe("switch account <1%");
    expect(formatRunnerUp({ alternatives: [{ name: "cancel_order", confidence: 0.0003 }] })).toBe("cancel order <1%");
    expect(formatRunnerUp({ alternatives: [] })).toBe("");
  });
});

describe("the canned-reply list", () => {
  const reply = (shortcut: string, text: string): CannedReplyDTO => ({ id: shortcut, shortcut, text, shared: true, ownerId: null, intents: [], createdAt: at, updatedAt: at });
  it("filters by shortcut or text, case-insensitively, keeping the server's order", () => {
    const replies = [reply("where", "Your order is on its way"), reply("hello", "Hello there"), reply("refund", "Refunds take 5 days")];
    expect(filterCanned(replies, "").map((r) => r.shortcut)).toEqual(["where", "hello", "refund"]);
    expect(filterCanned(replies, "ref").map((r) => r.shortcut)).toEqual(["refund"]);
    expect(filterCanned(replies, "the").map((r) => r.shortcut)).toEqual(["hello"]);
    expect(filterCanned(replies, "ORDER").map((r) => r.shortcut)).toEqual(["where"]);
    expect(filterCanned(replies, "zzz")).toEqual([]);
  });
});
