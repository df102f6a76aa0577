import { describe, expect, it } from "vitest";
import type { Annotation } from "../../../src/contracts/nlp.ts";
import { asksForHuman, handoffReasonFor, ticketPriority } from "../../../src/modules/routing/index.ts";

function note(intent: string, label: "negative" | "neutral" | "positive" = "neutral", score = 0, confidence = 0.9): Pick<Annotation, "intent" | "sentiment"> {
  return {
    intent: { name: intent, confidence: 0.9, alternatives: [] },
    sentiment: { score, comparative: score / 5, label, confidence, drivers: [] },
  };
}

describe("hand-off rules", () => {
  it.each([
    ["I want to talk to a human", "unknown"],
    ["can I speak to an agent", "unknown"],
    ["get me a real person", "unknown"],
    ["put me through to your manager", "unknown"],
    ["I'd like to chat with someone please", "unknown"],
    ["hello", "contact_human_agent"],
  ])("when the customer writes %j (intent %s), hands off on request", (text, intent) => {
    expect(handoffReasonFor(text, note(intent))).toBe("customer_request");
  });

  it("when the customer is clearly upset, hands off for negative sentiment", () => {
    expect(handoffReasonFor("this is a disgrace", note("complaint", "negative", -4))).toBe("negative_sentiment");
  });

  it("when the customer asks a neutral question, lets the bot answer", () => {
    expect(handoffReasonFor("what is your refund policy", note("check_refund_policy"))).toBeNull();
  });

  it("does not treat 'agent' inside an ordinary question as a request for a human", () => {
    expect(asksForHuman("what does the user agent string do", note("unknown"))).toBe(false);
  });

  it("does not treat thanks for an agent already met, or a mention of a person, as a request for one", () => {
    expect(handoffReasonFor("thanks, the agent sorted it out in two minutes!", note("thanks", "positive", 3.3))).toBeNull();
    expect(asksForHuman("a person from your team called me yesterday and fixed it", note("unknown"))).toBe(false);
  });
});

describe("ticket priority", () => {
  it.each([
    ["payment_issue", "negative", -6, "standard", "urgent"],
    ["track_order", "negative", -5, "standard", "high"],
    ["payment_issue", "neutral", 0, "standard", "high"],
    ["track_order", "neutral", 0, "vip", "high"],
    ["newsletter_subscription", "neutral", 0, "standard", "low"],
    ["track_order", "neutral", 0, "standard", "normal"],
  ] as const)("intent %s with %s sentiment (%d) for a %s customer is %s", (intent, label, score, tier, expected) => {
    expect(ticketPriority(note(intent, label, score), tier)).toBe(expected);
  });

  it("without an annotation is normal", () => {
    expect(ticketPriority(null)).toBe("normal");
  });
});
