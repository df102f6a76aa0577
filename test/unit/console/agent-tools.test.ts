import { describe, expect, it } from "vitest";
import { conversationMatches, ticketMatches } from "../../../console/src/store/lists.ts";
import { consoleReducer, initialState } from "../../../console/src/store/reducer.ts";
import { presetTime } from "../../../console/src/views/snooze-control.tsx";
import { changeText } from "../../../console/src/views/ticket-history.tsx";
import { buildConversation, buildTicket } from "./fixtures.ts";

const later = new Date(Date.now() + 3_600_000).toISOString();
const earlier = new Date(Date.now() - 60_000).toISOString();

describe("snoozed conversations in the console's lists", () => {
  it("a conversation snoozed until later is out of the open and handoff lists but in 'all'; once the time passed it is back", () => {
    const snoozed = buildConversation({ status: "handoff", snoozedUntil: later });
    expect(conversationMatches(snoozed, "open")).toBe(false);
    expect(conversationMatches(snoozed, "handoff")).toBe(false);
    expect(conversationMatches(snoozed, "all")).toBe(true);
    expect(conversationMatches(buildConversation({ status: "handoff", snoozedUntil: earlier }), "open")).toBe(true);
    // The "snoozed" list holds it until its time, and nothing that is not snoozed.
    expect(conversationMatches(snoozed, "snoozed")).toBe(true);
    expect(conversationMatches(buildConversation({ status: "handoff", snoozedUntil: earlier }), "snoozed")).toBe(false);
    expect(conversationMatches(buildConversation({ status: "handoff", snoozedUntil: null }), "snoozed")).toBe(false);
  });

  it("a snoozed ticket is out of the ticket lists until its time", () => {
    expect(ticketMatches(buildTicket({ snoozedUntil: later }), { status: "open", assignee: "any" }, null)).toBe(false);
    expect(ticketMatches(buildTicket({ snoozedUntil: earlier }), { status: "open", assignee: "any" }, null)).toBe(true);
  });
});

describe("unread per list and reply conflicts in the console state", () => {
  it("a conversation assigned to me counts on the Tickets tab until I open it, once however often it is announced", () => {
    let state = consoleReducer(initialState(), { type: "assigned/unread", conversationId: "c9" });
    state = consoleReducer(state, { type: "assigned/unread", conversationId: "c9" });
    expect(state.unreadAssigned).toEqual(["c9"]);
    state = consoleReducer(state, { type: "conversation/selected", id: "c9" });
    expect(state.unreadAssigned).toEqual([]);
    // Assigned while I am looking at it: nothing to catch up on.
    expect(consoleReducer(state, { type: "assigned/unread", conversationId: "c9" }).unreadAssigned).toEqual([]);
  });

  it("a reply conflict is held until answered, and forgotten when another conversation opens", () => {
    const conflict = { conversationId: "c1", clientMsgId: "m1", text: "Hi", by: "Sam Support" };
    const state = consoleReducer(initialState(), { type: "reply/conflict", conflict });
    expect(state.replyConflict).toEqual(conflict);
    expect(consoleReducer(state, { type: "conversation/selected", id: "c2" }).replyConflict).toBeNull();
  });
});

describe("snooze presets and the history's words", () => {
  it("'tomorrow' is 9:00 the next day and 'next week' is the coming Monday at 9:00", () => {
    const friday = new Date(2026, 11, 4, 15, 30);
    expect(presetTime("hour", friday).getTime() - friday.getTime()).toBe(3_600_000);
    const tomorrow = presetTime("tomorrow", friday);
    expect([tomorrow.getDate(), tomorrow.getHours(), tomorrow.getMinutes()]).toEqual([5, 9, 0]);
    const monday = presetTime("nextWeek", friday);
    expect([monday.getDay(), monday.getDate(), monday.getHours()]).toEqual([1, 7, 9]);
    const aMonday = new Date(2026, 11, 7, 8, 0);
    expect(presetTime("nextWeek", aMonday).getDate()).toBe(14);
  });

  it("the history tells a transfer with its note, a team change and a snooze", () => {
    const ticket = { assignee: { id: "u2", name: "Sam Support" }, team: { id: "t1", name: "Billing" } };
    expect(changeText({ type: "assigned", data: { from: "u1", to: "u2", note: "refund" } }, ticket)).toBe("assigned it to Sam Support: “refund”");
    expect(changeText({ type: "team_changed", data: { from: null, to: "t1" } }, ticket)).toBe("gave it to the team Billing");
    expect(changeText({ type: "team_changed", data: { from: "t1", to: null } }, ticket)).toBe("took it from its team");
    expect(changeText({ type: "unsnoozed", data: {} }, ticket)).toBe("woke it");
    expect(changeText({ type: "snoozed", data: { until: later } }, ticket)).toMatch(/^snoozed it until /);
  });
});
