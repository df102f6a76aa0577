import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TypingNotifier } from "../../../widget/src/typing-notifier.ts";

describe("widget typing notifier", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("announces typing once per burst and stops after a pause", () => {
    const sent: boolean[] = [];
    const n = new TypingNotifier((t) => sent.push(t), 2500, 10_000, () => Date.now());
    n.input();
    n.input();
    vi.advanceTimersByTime(1000);
    n.input();
    expect(sent).toEqual([true]);
    vi.advanceTimersByTime(2500);
    expect(sent).toEqual([true, false]);
  });

  it("stops at once when the message is sent, and only once", () => {
    const sent: boolean[] = [];
    const n = new TypingNotifier((t) => sent.push(t));
    n.input();
    n.stop();
    n.stop();
    vi.advanceTimersByTime(5000);
    expect(sent).toEqual([true, false]);
  });

  it("re-announces during a long burst so the indicator does not expire", () => {
    const sent: boolean[] = [];
    const n = new TypingNotifier((t) => sent.push(t), 2500, 10_000, () => Date.now());
    for (let i = 0; i < 12; i++) {
      n.input();
      vi.advanceTimersByTime(1000);
    }
    expect(sent).toEqual([true, true]);
  });
});
