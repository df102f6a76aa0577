/** The demo's SLA policies (one per priority) and the business hours of its web inbox. */
import type { BusinessHours } from "../../contracts/sla.ts";

const day = [{ start: "08:00", end: "20:00" }];

/** Acme Outdoor answers Monday to Friday 08:00–20:00 and Saturday 09:00–13:00, Paris time; closed on Christmas and New Year's Day. */
export const demoBusinessHours: BusinessHours = {
  timeZone: "Europe/Paris",
  weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [{ start: "09:00", end: "13:00" }], sun: [] },
  holidays: ["2026-12-25", "2027-01-01", "2027-12-25", "2028-01-01"],
  offlineMessage: "We're closed right now (Mon–Fri 8:00–20:00, Sat 9:00–13:00, Paris time). Leave a message and we'll reply when we're back.",
};

/** Targets per priority, in business minutes. */
export const demoSlaPolicies = [
  { priority: "urgent" as const, firstResponseMinutes: 15, nextResponseMinutes: 30, resolutionMinutes: 240, businessHours: true, warnAtPercent: 80 },
  { priority: "high" as const, firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480, businessHours: true, warnAtPercent: 80 },
  { priority: "normal" as const, firstResponseMinutes: 240, nextResponseMinutes: 480, resolutionMinutes: 1440, businessHours: true, warnAtPercent: 80 },
  { priority: "low" as const, firstResponseMinutes: 480, nextResponseMinutes: 960, resolutionMinutes: 2880, businessHours: true, warnAtPercent: 80 },
];
