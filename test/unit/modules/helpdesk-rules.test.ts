import { describe, expect, it } from "vitest";
import { visitorName } from "../../../src/contracts/visitor-name.ts";
import { changedFields } from "../../../src/modules/audit/index.ts";
import { fillVariables } from "../../../src/modules/canned/index.ts";
import { findMentions } from "../../../src/modules/notes/mentions.ts";
import { priorityForSentiment } from "../../../src/modules/tickets/index.ts";

const users = [
  { id: "1", name: "Sam Support", email: "sam@switchboard.local" },
  { id: "2", name: "Alex Agent", email: "alex@switchboard.local" },
  { id: "3", name: "Alex Other", email: "a.other@switchboard.local" },
];

describe("@mentions in notes", () => {
  it("names a colleague by the start of their email, or by a first name only one person has", () => {
    expect(findMentions("@sam please look", users).map((u) => u.id)).toEqual(["1"]);
    expect(findMentions("cc @Sam, thanks", users).map((u) => u.id)).toEqual(["1"]);
    expect(findMentions("ask @a.other.", users).map((u) => u.id)).toEqual(["3"]);
    // Two Alexes by first name: ambiguous, so nobody; the email's start is unique.
    expect(findMentions("@alex?", users).map((u) => u.id)).toEqual(["2"]);
    expect(findMentions("write to bob@sam.com or @nobody", users)).toEqual([]);
    expect(findMentions("@sam @sam (@alex)", users).map((u) => u.id)).toEqual(["1", "2"]);
  });
});

describe("canned reply variables", () => {
  it("fills known variables, falls back to words that read well, and leaves unknown ones for the agent to see", () => {
    const values = { "customer.name": "Dana", "order.number": "ORD-1", "agent.name": "Sam" };
    expect(fillVariables("Hi {{customer.name}}, {{ order.number }} ships today. — {{agent.name}}", values)).toBe("Hi Dana, ORD-1 ships today. — Sam");
    expect(fillVariables("Hi {{customer.name}}, about {{order.number}}", { "customer.name": " ", "order.number": null, "agent.name": null })).toBe("Hi there, about your order");
    expect(fillVariables("{{customer.email}} stays", values)).toBe("{{customer.email}} stays");
  });
});

describe("audit summaries", () => {
  it("keep only the fields that changed", () => {
    expect(changedFields({ name: "A", role: "agent", skills: { intents: [] } }, { name: "A", role: "admin", skills: { intents: [] } })).toEqual({ before: { role: "agent" }, after: { role: "admin" } });
    expect(changedFields(null, { name: "A" })).toEqual({ before: null, after: { name: "A" } });
  });
});

describe("sentiment escalation", () => {
  it("asks for high at the hand-off threshold, urgent when very negative, nothing otherwise", () => {
    expect(priorityForSentiment(-1, "negative")).toBeNull();
    expect(priorityForSentiment(-2, "negative")).toBe("high");
    expect(priorityForSentiment(-5, "negative")).toBe("urgent");
    expect(priorityForSentiment(-5, "neutral")).toBeNull();
  });
});

describe("visitor names", () => {
  it("are stable per id and readable", () => {
    expect(visitorName("8d0c1a7e-0000-4000-8000-000000000001")).toBe(visitorName("8d0c1a7e-0000-4000-8000-000000000001"));
    expect(visitorName("x")).toMatch(/^Visitor · [A-Z][a-z]+ [A-Z][a-z]+$/);
  });
});
