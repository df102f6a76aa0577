import { describe, expect, it } from "vitest";
import { actorLabel, attributeDisplay, attributeInputValue, formatMoney, parseAttributeInput, timelineKindLabel } from "../../../console/src/crm-format.ts";
import { chartSeries } from "../../../console/src/views/crm/sentiment-chart.tsx";

describe("console CRM formatting", () => {
  it("formats money in its currency, and plainly without one", () => {
    expect(formatMoney(123450, "EUR", "en-US")).toBe("€1,234.50");
    expect(formatMoney(999, null, "en-US")).toBe("9.99");
    expect(formatMoney(null, "EUR")).toBe("—");
    expect(formatMoney(100, "NOTACODE", "en-US")).toBe("1.00 NOTACODE");
  });

  it("names who did something on the timeline", () => {
    expect(actorLabel({ type: "user", id: "u1", name: "Alex Kim" })).toBe("Alex Kim");
    expect(actorLabel({ type: "api_key", id: "k1", name: "zapier" })).toBe("API key: zapier");
    expect(actorLabel(null)).toBe("System");
    expect(timelineKindLabel("note")).toBe("Note");
  });

  it("turns each attribute type's input into a typed value, or says why it is not one", () => {
    const def = (type: "text" | "number" | "date" | "boolean" | "list") => ({ type, options: ["gold", "silver"], label: "Plan" });
    expect(parseAttributeInput(def("number"), " 42.5 ")).toEqual({ ok: true, value: 42.5 });
    expect(parseAttributeInput(def("number"), "forty")).toEqual({ ok: false, message: "Plan must be a number" });
    expect(parseAttributeInput(def("date"), "2026-12-07")).toEqual({ ok: true, value: "2026-12-07" });
    expect(parseAttributeInput(def("date"), "07/12/2026").ok).toBe(false);
    expect(parseAttributeInput(def("boolean"), "false")).toEqual({ ok: true, value: false });
    expect(parseAttributeInput(def("list"), "gold")).toEqual({ ok: true, value: "gold" });
    expect(parseAttributeInput(def("list"), "bronze").ok).toBe(false);
    expect(parseAttributeInput(def("text"), "  ")).toEqual({ ok: true, value: null });
  });

  it("shows stored attribute values in their inputs and as text", () => {
    expect(attributeInputValue({ type: "date" }, "2026-12-07T00:00:00.000Z")).toBe("2026-12-07");
    expect(attributeInputValue({ type: "boolean" }, true)).toBe("true");
    expect(attributeDisplay({ type: "boolean" }, false)).toBe("No");
    expect(attributeDisplay({ type: "number" }, 3)).toBe("3");
    expect(attributeDisplay({ type: "text" }, undefined)).toBe("");
  });

  it("charts at most the 50 newest conversations, oldest first, in seconds", () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ conversationId: `c${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, 60 - i)).toISOString(), start: 0, end: i / 100, min: 0, messages: 1 }));
    const [xs, ys] = chartSeries(points);
    expect(xs).toHaveLength(50);
    expect(xs[0]).toBeLessThan(xs[49]);
    expect(ys[49]).toBe(0);
    expect(xs[49]).toBe(Date.UTC(2026, 0, 1, 0, 1, 0) / 1000);
  });
});
