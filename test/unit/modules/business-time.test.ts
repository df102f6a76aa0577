import { describe, expect, it } from "vitest";
import type { BusinessHours } from "../../../src/contracts/sla.ts";
import { inboxBusinessTime } from "../../../src/modules/sla/business-hours.service.ts";
import { addBusinessTime, businessTimeBetween, isOpenAt, isValidTimeZone } from "../../../src/modules/sla/business-time.ts";

const H = 3_600_000;
const nineToFive = [{ start: "09:00", end: "17:00" }];
/** Paris, Monday to Friday 09:00–17:00 (a lunch break on Wednesdays), Christmas off. */
const paris: BusinessHours = {
  timeZone: "Europe/Paris",
  weekly: { mon: nineToFive, tue: nineToFive, wed: [{ start: "09:00", end: "12:00" }, { start: "13:00", end: "17:00" }], thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
  holidays: ["2026-12-25"],
  offlineMessage: "We are closed.",
};
const at = (iso: string): Date => new Date(iso);

describe("businessTimeBetween", () => {
  it("without business hours, counts plain elapsed time", () => {
    expect(businessTimeBetween(null, at("2026-12-04T16:00:00Z"), at("2026-12-07T10:00:00Z"))).toBe(66 * H);
  });

  it("counts only open hours in the inbox's zone within one day (Paris is UTC+1 in December)", () => {
    // 08:00–18:00 UTC is 09:00–19:00 in Paris: 8 open hours (09:00–17:00).
    expect(businessTimeBetween(paris, at("2026-12-07T08:00:00Z"), at("2026-12-07T18:00:00Z"))).toBe(8 * H);
  });

  it("skips the weekend: Friday 16:00 to Monday 10:00 in Paris is 2 open hours", () => {
    expect(businessTimeBetween(paris, at("2026-12-04T15:00:00Z"), at("2026-12-07T09:00:00Z"))).toBe(2 * H);
  });

  it("skips a holiday: Thursday 24 Dec 16:00 to Monday 28 Dec 10:00 is 2 open hours (Friday 25 is a holiday)", () => {
    expect(businessTimeBetween(paris, at("2026-12-24T15:00:00Z"), at("2026-12-28T09:00:00Z"))).toBe(2 * H);
  });

  it("honours several ranges in a day (a Wednesday with a lunch break has 7 open hours)", () => {
    expect(businessTimeBetween(paris, at("2026-12-09T00:00:00Z"), at("2026-12-10T00:00:00Z"))).toBe(7 * H);
  });

  it("follows a daylight-saving change: on Monday 30 March 2026 (after the Sunday change) Paris opens at 07:00 UTC", () => {
    // Friday 27 March Paris is UTC+1 (09:00 = 08:00Z); Monday 30 March it is UTC+2 (09:00 = 07:00Z).
    expect(businessTimeBetween(paris, at("2026-03-27T08:00:00Z"), at("2026-03-27T16:00:00Z"))).toBe(8 * H);
    expect(businessTimeBetween(paris, at("2026-03-30T07:00:00Z"), at("2026-03-30T15:00:00Z"))).toBe(8 * H);
    expect(businessTimeBetween(paris, at("2026-03-27T15:00:00Z"), at("2026-03-30T08:00:00Z"))).toBe(2 * H);
  });

  it("counts a range over the skipped hour of a spring-forward night as the wall clock shows it", () => {
    const night: BusinessHours = { ...paris, weekly: { ...paris.weekly, sun: [{ start: "00:00", end: "06:00" }] } };
    // Sunday 29 March 2026 02:00 → 03:00 does not exist in Paris: 00:00–06:00 local lasts 5 hours.
    expect(businessTimeBetween(night, at("2026-03-28T12:00:00Z"), at("2026-03-29T12:00:00Z"))).toBe(5 * H);
    // Sunday 25 October 2026 02:00–03:00 happens twice: 00:00–06:00 local lasts 7 hours.
    expect(businessTimeBetween(night, at("2026-10-24T12:00:00Z"), at("2026-10-25T12:00:00Z"))).toBe(7 * H);
  });

  it("is zero when the end is not after the start", () => {
    expect(businessTimeBetween(paris, at("2026-12-07T12:00:00Z"), at("2026-12-07T10:00:00Z"))).toBe(0);
  });
});

describe("addBusinessTime", () => {
  it("without business hours, adds plain time", () => {
    expect(addBusinessTime(null, at("2026-12-04T16:00:00Z"), 4 * H).toISOString()).toBe("2026-12-04T20:00:00.000Z");
  });

  it("carries the remainder over the weekend: Friday 15:00 Paris + 4 open hours is Monday 11:00 Paris", () => {
    expect(addBusinessTime(paris, at("2026-12-04T14:00:00Z"), 4 * H).toISOString()).toBe("2026-12-07T10:00:00.000Z");
  });

  it("starts counting at opening time when started outside hours (Saturday + 1 h is Monday 10:00 Paris)", () => {
    expect(addBusinessTime(paris, at("2026-12-05T10:00:00Z"), H).toISOString()).toBe("2026-12-07T09:00:00.000Z");
  });

  it("skips a holiday: Thursday 24 Dec 16:00 Paris + 2 h is Monday 28 Dec 10:00 Paris", () => {
    expect(addBusinessTime(paris, at("2026-12-24T15:00:00Z"), 2 * H).toISOString()).toBe("2026-12-28T09:00:00.000Z");
  });

  it("crosses a daylight-saving change: Friday 27 March 16:00 Paris + 2 h is Monday 30 March 10:00 Paris (08:00 UTC)", () => {
    expect(addBusinessTime(paris, at("2026-03-27T15:00:00Z"), 2 * H).toISOString()).toBe("2026-03-30T08:00:00.000Z");
  });

  it("is the inverse of businessTimeBetween over a fortnight of starts", () => {
    for (let i = 0; i < 14 * 24; i += 5) {
      const start = new Date(Date.UTC(2026, 2, 20) + i * H);
      const due = addBusinessTime(paris, start, 11 * H);
      expect(businessTimeBetween(paris, start, due)).toBe(11 * H);
    }
  });

  it("throws when the hours never open", () => {
    const closed: BusinessHours = { ...paris, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(() => addBusinessTime(closed, at("2026-12-04T14:00:00Z"), H)).toThrow(/no open time/);
  });
});

describe("isOpenAt and isValidTimeZone", () => {
  it("knows when the inbox is open", () => {
    expect(isOpenAt(paris, at("2026-12-07T09:00:00Z"))).toBe(true);
    expect(isOpenAt(paris, at("2026-12-05T09:00:00Z"))).toBe(false);
    expect(isOpenAt(null, at("2026-12-05T09:00:00Z"))).toBe(true);
  });

  it("accepts IANA zones and refuses made-up ones", () => {
    expect(isValidTimeZone("America/New_York")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });
});

describe("inboxBusinessTime (for the reports)", () => {
  it("counts in the inbox's hours when it has them, plain time otherwise", () => {
    const hours = new Map<string, BusinessHours | null>([["web", paris], ["api", null]]);
    const from = at("2026-12-04T15:00:00Z");
    const to = at("2026-12-07T09:00:00Z");
    expect(inboxBusinessTime(hours, "web", from, to)).toBe(2 * H);
    expect(inboxBusinessTime(hours, "api", from, to)).toBe(66 * H);
    expect(inboxBusinessTime(hours, "unknown", from, to)).toBe(66 * H);
  });
});
