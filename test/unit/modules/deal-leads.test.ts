import { beforeAll, describe, expect, it } from "vitest";
import type { Annotation } from "../../../src/contracts/nlp.ts";
import { asksToBuy, nextOwner } from "../../../src/modules/deals/leads.service.ts";
import { mentionedMoney, mentionedProductIds } from "../../../src/modules/deals/draft.service.ts";
import { stageKey } from "../../../src/modules/deals/stages.service.ts";
import { createAnalyzer, type Analyzer } from "../../../src/nlp/index.ts";

const TENT = "11111111-1111-4111-8111-111111111111";
const STOVE = "22222222-2222-4222-8222-222222222222";
const products = [
  { id: TENT, name: "Trailhead 2-Person Tent", sku: "TENT-2P" },
  { id: STOVE, name: "Mini Camp Stove", sku: "STOVE-MINI" },
];

describe("chat leads: which customer messages ask to buy", () => {
  let analyzer: Analyzer;
  const annotate = (text: string): Annotation => analyzer.analyze(text, { now: new Date("2026-12-07T10:00:00Z"), products });
  beforeAll(async () => {
    analyzer = await createAnalyzer();
  }, 120_000);

  it.each([
    "I want to order the Trailhead 2-Person Tent",
    "how do I place an order for the mini camp stove",
    "I WANT TO ORDER NOW",
  ])("%s → a lead", (text) => {
    expect(asksToBuy(annotate(text))).toBe(true);
  });

  it.each(["where is my order ORD-10001", "I want a refund for my order", "hello", "thanks, bye"])("%s → no lead", (text) => {
    expect(asksToBuy(annotate(text))).toBe(false);
  });

  it("a payment or delivery question counts only when it names a product", () => {
    const annotation = (intent: string, withProduct: boolean): Annotation =>
      ({
        intent: { name: intent, confidence: 0.9, alternatives: [] },
        entities: withProduct ? [{ type: "product", text: "tent", start: 0, end: 4, value: TENT }] : [],
      }) as unknown as Annotation;
    expect(asksToBuy(annotation("check_payment_methods", true))).toBe(true);
    expect(asksToBuy(annotation("check_payment_methods", false))).toBe(false);
    expect(asksToBuy(annotation("delivery_period", true))).toBe(true);
    expect(asksToBuy(annotation("track_order", true))).toBe(false);
    expect(asksToBuy(null)).toBe(false);
  });

  it("reads the products named and the last money amount from the entities", () => {
    const entities = annotate("I'd like the Trailhead 2-Person Tent and the mini camp stove, is $250 ok?").entities;
    expect(mentionedProductIds(entities)).toEqual([TENT, STOVE]);
    expect(mentionedMoney(entities)).toEqual({ amountCents: 25_000, currency: "USD" });
    expect(mentionedMoney(annotate("I want the tent").entities)).toBeNull();
  });
});

describe("chat leads: round-robin owner", () => {
  const a = { id: "a", openDeals: 0, capacity: null };
  const b = { id: "b", openDeals: 5, capacity: 5 };
  const c = { id: "c", openDeals: 1, capacity: 3 };

  it("continues after the last lead's owner, in id order, wrapping around", () => {
    expect(nextOwner([a, c], null)).toBe("a");
    expect(nextOwner([a, c], "a")).toBe("c");
    expect(nextOwner([a, c], "c")).toBe("a");
  });

  it("skips reps at capacity unless everyone is, and gives nobody when there is nobody", () => {
    expect(nextOwner([a, b, c], "a")).toBe("c");
    expect(nextOwner([b], "b")).toBe("b");
    expect(nextOwner([], null)).toBeNull();
  });
});

describe("stage keys", () => {
  it("derive from the name and stay unique", () => {
    expect(stageKey("Demo booked!", new Set())).toBe("demo_booked");
    expect(stageKey("Demo booked", new Set(["demo_booked"]))).toBe("demo_booked_2");
    expect(stageKey("Évaluation", new Set())).toBe("evaluation");
    expect(stageKey("!!!", new Set())).toBe("stage");
  });
});
