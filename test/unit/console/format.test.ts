import { describe, expect, it } from "vitest";
import type { Sentiment } from "../../../src/contracts/nlp.ts";
import {
  customerDisplayName,
  formatBytes,
  formatCount,
  formatDateRange,
  formatDrivers,
  formatEntity,
  formatEntityValue,
  formatPercent,
  formatIntentConfidence,
  formatRelativeTime,
  formatScore,
  formatShare,
  humanize,
  initials,
  scoreTone,
  trendDirection,
  truncate,
} from "../../../console/src/format.ts";

const sentiment = (drivers: Sentiment["drivers"]): Sentiment => ({ score: -5, comparative: -0.5, label: "negative", confidence: 0.9, drivers });

describe("console formatting", () => {
  it("formats relative times for the lists", () => {
    const now = Date.parse("2026-03-01T12:00:00.000Z");
    expect(formatRelativeTime("2026-03-01T11:59:30.000Z", now)).toBe("now");
    expect(formatRelativeTime("2026-03-01T11:55:00.000Z", now)).toBe("5m");
    expect(formatRelativeTime("2026-03-01T09:00:00.000Z", now)).toBe("3h");
    expect(formatRelativeTime("2026-02-27T12:00:00.000Z", now)).toBe("2d");
    expect(formatRelativeTime("not a date", now)).toBe("");
  });

  it("formats scores with a sign and confidences as percentages", () => {
    expect(formatScore(3)).toBe("+3");
    expect(formatScore(-1.256)).toBe("\u22121.26");
    expect(formatScore(0)).toBe("0");
    expect(formatPercent(0.873)).toBe("87%");
    expect(formatPercent(1.4)).toBe("100%");
  });

  it("formats a share as a whole percentage that never shows a few as none or nearly all as all", () => {
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(0.004)).toBe("<1%");
    expect(formatShare(0.667)).toBe("67%");
    expect(formatShare(0.996)).toBe(">99%");
    expect(formatShare(1)).toBe("100%");
    expect(formatShare(Number.NaN)).toBe("0%");
  });

  it("counts with digit grouping and a singular for one", () => {
    expect(formatCount(1, "customer message", "customer messages", "en-US")).toBe("1 customer message");
    expect(formatCount(0, "customer message", "customer messages", "en-US")).toBe("0 customer messages");
    expect(formatCount(1234, "customer message", "customer messages", "en-US")).toBe("1,234 customer messages");
  });

  it("names a period's days compactly, the exclusive end's day excluded at midnight, the year only when it changes", () => {
    // Local times, so the expectations hold in any time zone; ICU spaces the dash with thin spaces, hence the normalising.
    const range = (from: Date, to: Date): string => formatDateRange(from.toISOString(), to.toISOString(), "en-GB").replace(/\s/g, " ");
    expect(range(new Date(2026, 11, 2), new Date(2026, 11, 8, 14, 30))).toBe("2 – 8 Dec");
    expect(range(new Date(2026, 11, 2), new Date(2026, 11, 9))).toBe("2 – 8 Dec");
    expect(range(new Date(2026, 10, 10), new Date(2026, 11, 8, 9))).toBe("10 Nov – 8 Dec");
    expect(range(new Date(2025, 11, 28), new Date(2026, 0, 3, 9))).toBe("28 Dec 2025 – 3 Jan 2026");
    expect(range(new Date(2026, 11, 8), new Date(2026, 11, 8, 9))).toBe("8 Dec");
    expect(formatDateRange("not a date", "2026-12-08")).toBe("");
  });

  it("shows no confidence beside the unknown intent, whose figure is the rejected closest intent's", () => {
    expect(formatIntentConfidence({ name: "track_order", confidence: 0.873 })).toBe("87%");
    expect(formatIntentConfidence({ name: "unknown", confidence: 0.004 })).toBe("");
  });

  it("colours scores by sign", () => {
    expect(scoreTone(-0.2)).toBe("negative");
    expect(scoreTone(0)).toBe("neutral");
    expect(scoreTone(2)).toBe("positive");
  });

  it("lists sentiment drivers strongest first", () => {
    expect(formatDrivers(sentiment([{ text: "late", weight: -2 }, { text: "terrible", weight: -3 }]))).toBe("terrible \u22123, late \u22122");
    expect(formatDrivers(sentiment([]))).toBe("");
  });

  it("formats entities as type: text chips", () => {
    expect(formatEntity({ type: "order_number", text: "ORD-12345", start: 0, end: 9, value: "ORD-12345" })).toBe("order number: ORD-12345");
    expect(formatEntityValue({ type: "money", text: "$12.50", start: 0, end: 6, value: { amount: 12.5, currency: "USD" } })).toBe("12.5 USD");
    expect(formatEntityValue({ type: "person", text: "Ada", start: 0, end: 3, value: null })).toBe("");
  });

  it("turns machine codes into words", () => {
    expect(humanize("negative_sentiment")).toBe("Negative sentiment");
  });

  it("reads a sentiment trend's direction", () => {
    expect(trendDirection({ start: -3, end: 1, min: -3, count: 3 })).toBe("improving");
    expect(trendDirection({ start: 1, end: -2, min: -2, count: 3 })).toBe("worsening");
    expect(trendDirection({ start: 1, end: 1, min: 0, count: 3 })).toBe("steady");
  });

  it("names customers by name, email or phone, else a stable generated visitor name", () => {
    const base = { id: "c", name: null, email: null, phone: null, suggestions: {}, createdAt: "" };
    expect(customerDisplayName({ ...base, name: "Ada" })).toBe("Ada");
    expect(customerDisplayName({ ...base, email: "a@x.io" })).toBe("a@x.io");
    expect(customerDisplayName({ ...base, phone: "+1555" })).toBe("+1555");
    expect(customerDisplayName(base)).toMatch(/^Visitor · [A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(customerDisplayName(base)).toBe(customerDisplayName({ ...base }));
    const names = new Set(Array.from({ length: 200 }, (_, i) => customerDisplayName({ ...base, id: `visitor-${i}` })));
    expect(names.size).toBeGreaterThan(150);
  });

  it("makes avatar initials and truncates previews", () => {
    expect(initials("Ada Lovelace")).toBe("AL");
    expect(initials("ada@example.com")).toBe("A");
    expect(truncate("a  b\nc", 10)).toBe("a b c");
    expect(truncate("abcdefghij", 5)).toBe("abcd…");
  });

  it("shows an attachment's size in B, KB or MB", () => {
    expect(formatBytes(32)).toBe("32 B");
    expect(formatBytes(4300)).toBe("4.2 KB");
    expect(formatBytes(250 * 1024)).toBe("250 KB");
    expect(formatBytes(3.1 * 1024 * 1024)).toBe("3.1 MB");
  });
});
