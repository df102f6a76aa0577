/** zod schemas of SLA policies and inbox business hours (the routes validate with them; the OpenAPI document shows them). */
import { z } from "zod";
import { WEEKDAYS, type TimeRange } from "../../contracts/sla.ts";
import { isValidTimeZone } from "./business-time.ts";

const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
/** At most a year, in minutes. */
const MAX_MINUTES = 525_600;

const minutes = (field: string) =>
  z
    .number({ error: `${field} must be a number of minutes` })
    .int(`${field} must be a whole number of minutes`)
    .min(1, `${field} must be at least 1 minute`)
    .max(MAX_MINUTES, `${field} must be at most ${MAX_MINUTES} minutes (a year)`);

/** Body of POST /api/v1/sla-policies. */
export const createSlaPolicyBody = z
  .object({
    priority: z.enum(PRIORITIES, { error: "priority must be one of low, normal, high, urgent" }),
    firstResponseMinutes: minutes("firstResponseMinutes"),
    nextResponseMinutes: minutes("nextResponseMinutes"),
    resolutionMinutes: minutes("resolutionMinutes"),
    businessHours: z.boolean({ error: "businessHours must be true or false" }).default(true),
    warnAtPercent: z.number({ error: "warnAtPercent must be a number" }).int("warnAtPercent must be a whole number").min(1, "warnAtPercent must be between 1 and 99").max(99, "warnAtPercent must be between 1 and 99").default(80),
  })
  .strict();

/** Body of PATCH /api/v1/sla-policies/:id (the priority of a policy does not change: delete it and add another). */
export const changeSlaPolicyBody = createSlaPolicyBody
  .omit({ priority: true })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of firstResponseMinutes, nextResponseMinutes, resolutionMinutes, businessHours, warnAtPercent");

/** Path parameters of /api/v1/sla-policies/:id. */
export const slaPolicyIdParams = z.object({ id: z.uuid("id must be a UUID") });

const clock = z.string({ error: "a time is \"HH:MM\"" }).regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'a time is "HH:MM" between 00:00 and 24:00');
const range = z.object({ start: clock, end: clock }).strict();
const toMinutes = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** One day's ranges: each ends after it starts, none overlap (returned sorted by start). */
const dayRanges = z
  .array(range, { error: "a day is a list of {start, end} ranges" })
  .max(12, "at most 12 ranges a day")
  .default([])
  .superRefine((list, ctx) => {
    list.forEach((r, i) => {
      if (toMinutes(r.end) <= toMinutes(r.start)) ctx.addIssue({ code: "custom", path: [i, "end"], message: `the range ${r.start}–${r.end} ends before it starts` });
    });
    const sorted = [...list].sort((a, b) => toMinutes(a.start) - toMinutes(b.start));
    for (let i = 1; i < sorted.length; i++) {
      if (toMinutes(sorted[i].start) < toMinutes(sorted[i - 1].end)) {
        ctx.addIssue({ code: "custom", path: [list.indexOf(sorted[i])], message: `the ranges ${sorted[i - 1].start}–${sorted[i - 1].end} and ${sorted[i].start}–${sorted[i].end} overlap` });
      }
    }
  })
  .transform((list): TimeRange[] => [...list].sort((a, b) => toMinutes(a.start) - toMinutes(b.start)));

const isoDate = z
  .string({ error: 'a holiday is a date "YYYY-MM-DD"' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a holiday is a date "YYYY-MM-DD"')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "a holiday must be a real date");

/** Body of PUT /api/v1/inboxes/:id/business-hours. */
export const businessHoursBody = z
  .object({
    timeZone: z
      .string({ error: "timeZone is required" })
      .min(1, "timeZone is required")
      .max(100)
      .refine(isValidTimeZone, "timeZone must be an IANA time zone such as Europe/Paris or America/New_York"),
    weekly: z
      .object(Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges])) as Record<(typeof WEEKDAYS)[number], typeof dayRanges>, { error: "weekly must give the ranges of each weekday (mon … sun)" })
      .strict()
      .refine((w) => Object.values(w).some((list) => list.length > 0), "the inbox must be open at least once a week"),
    holidays: z
      .array(isoDate, { error: "holidays must be a list of dates" })
      .max(366, "at most 366 holidays")
      .default([])
      .transform((list) => [...new Set(list)].sort()),
    offlineMessage: z.string({ error: "offlineMessage must be text" }).trim().max(1000, "offlineMessage must be at most 1000 characters").default(""),
  })
  .strict();

/** Path parameters of /api/v1/inboxes/:id/business-hours. */
export const businessHoursParams = z.object({ id: z.string().min(1).max(200) });
