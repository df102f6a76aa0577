import { describe, expect, it } from "vitest";
import { bucketLabel, bucketsOf, bucketStart, isWholeDay, periodInterval, splitAtMidnights } from "../../../src/modules/revenue/periods.ts";

describe("sales calendar arithmetic (UTC)", () => {
  it("starts ISO weeks on Monday, Sundays included in the week before", () => {
    expect(bucketStart("2025-04-20", "week")).toBe("2025-04-14");
    expect(bucketStart("2025-04-21", "week")).toBe("2025-04-21");
    expect(bucketStart("2025-01-01", "week")).toBe("2024-12-30");
    expect(bucketStart("2025-04-20", "month")).toBe("2025-04-01");
  });

  it("labels weeks by ISO week-numbering year, 53-week years included", () => {
    expect(bucketLabel("2024-12-30", "week")).toBe("2025-W01");
    expect(bucketLabel("2026-12-28", "week")).toBe("2026-W53");
    expect(bucketLabel("2027-01-04", "week")).toBe("2027-W01");
    expect(bucketLabel("2025-04-01", "month")).toBe("2025-04");
  });

  it("lists every bucket touching [from, to), the last one holding the instant before `to`", () => {
    expect(bucketsOf({ from: new Date("2025-01-30T00:00:00Z"), to: new Date("2025-04-01T00:00:00Z") }, "month")).toEqual(["2025-01-01", "2025-02-01", "2025-03-01"]);
    expect(bucketsOf({ from: new Date("2025-04-01T12:00:00Z"), to: new Date("2025-04-03T00:00:01Z") }, "day")).toEqual(["2025-04-01", "2025-04-02", "2025-04-03"]);
    expect(bucketsOf({ from: new Date("2025-12-29T00:00:00Z"), to: new Date("2026-01-12T00:00:00Z") }, "week")).toEqual(["2025-12-29", "2026-01-05"]);
  });

  it("turns target periods into half-open UTC intervals", () => {
    expect(periodInterval("2025-12")).toEqual({ from: new Date("2025-12-01T00:00:00Z"), to: new Date("2026-01-01T00:00:00Z") });
    expect(periodInterval("2025-Q4")).toEqual({ from: new Date("2025-10-01T00:00:00Z"), to: new Date("2026-01-01T00:00:00Z") });
    expect(periodInterval("2026-Q1")).toEqual({ from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") });
  });

  it("knows a whole UTC day from a part of one", () => {
    expect(isWholeDay(new Date("2025-04-01T00:00:00Z"))).toBe(true);
    expect(isWholeDay(new Date("2025-04-01T00:00:00.001Z"))).toBe(false);
  });

  it("cuts a period at UTC midnights: partial edge days around the whole days, one piece inside a day, two across one midnight", () => {
    const cut = (from: string, to: string) =>
      splitAtMidnights({ from: new Date(from), to: new Date(to) }).map((p) => [p.interval.from.toISOString(), p.interval.to.toISOString(), p.whole]);
    expect(cut("2025-04-01T08:00:00Z", "2025-04-05T17:30:00Z")).toEqual([
      ["2025-04-01T08:00:00.000Z", "2025-04-02T00:00:00.000Z", false],
      ["2025-04-02T00:00:00.000Z", "2025-04-05T00:00:00.000Z", true],
      ["2025-04-05T00:00:00.000Z", "2025-04-05T17:30:00.000Z", false],
    ]);
    expect(cut("2025-04-01T00:00:00Z", "2025-04-05T00:00:00Z")).toEqual([["2025-04-01T00:00:00.000Z", "2025-04-05T00:00:00.000Z", true]]);
    expect(cut("2025-04-01T00:00:00Z", "2025-04-05T06:00:00Z").map((p) => p[2])).toEqual([true, false]);
    expect(cut("2025-04-01T08:00:00Z", "2025-04-01T17:00:00Z")).toEqual([["2025-04-01T08:00:00.000Z", "2025-04-01T17:00:00.000Z", false]]);
    expect(cut("2025-04-01T20:00:00Z", "2025-04-02T04:00:00Z")).toEqual([
      ["2025-04-01T20:00:00.000Z", "2025-04-02T00:00:00.000Z", false],
      ["2025-04-02T00:00:00.000Z", "2025-04-02T04:00:00.000Z", false],
    ]);
    expect(cut("2025-04-01T08:00:00Z", "2025-04-02T00:00:00Z")).toEqual([["2025-04-01T08:00:00.000Z", "2025-04-02T00:00:00.000Z", false]]);
  });
});
