/** zod schemas of the sentiment, service and drill-down reports' query strings. */
import { z } from "zod";
import { CONVERSATION_CHANNELS } from "../../contracts/channel-names.ts";
import { cursorParam, limitSchema } from "../../http/pagination.ts";

// A date ("2026-03-29": midnight in the report's time zone), a local date-time ("2026-03-29T08:00", in the report's
// time zone) or an instant with its offset ("2026-03-29T06:00:00Z", "…+02:00"). The database turns it into an instant.
const instantText = (name: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/, `${name} must be an ISO date (2026-03-29), date-time or instant`)
    .optional();

// IANA names only ("Europe/Paris", "UTC", "America/Argentina/Buenos_Aires"), not POSIX rules ("EST5EDT", "UTC+3").
const timezone = z
  .string()
  .trim()
  .max(64, "timezone is too long")
  .regex(/^(?:UTC|[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+)$/, "timezone must be an IANA time zone such as Europe/Paris")
  .optional();

const common = {
  from: instantText("from"),
  to: instantText("to"),
  interval: z.enum(["hour", "day", "week", "month"], { error: "interval must be hour, day, week or month" }).default("day"),
  timezone,
};

const keyText = (name: string, what: string) =>
  z
    .string()
    .trim()
    .regex(/^[\w.:-]{1,100}$/, `${name} must be ${what}`)
    .optional();

/**
 * The filters the sentiment and service reports and the drill-down take beside `groupBy` (docs/reports.md, Filters):
 * each narrows what is counted to one channel, inbox, agent, team, intent or customer segment.
 */
const filters = {
  channel: z.enum(CONVERSATION_CHANNELS, { error: `channel must be one of ${CONVERSATION_CHANNELS.join(", ")}` }).optional(),
  inbox: keyText("inbox", "an inbox id"),
  agent: z.uuid("agent must be an agent's id").optional(),
  team: z.uuid("team must be a team's id").optional(),
  intent: keyText("intent", "an intent name (letters, digits, _ . : -)"),
  segment: z.string().trim().min(1, "segment must not be empty").max(100, "segment is too long").optional(),
};

/** Query of GET /api/v1/reports/sentiment (and sentiment.csv). */
export const sentimentQuery = z
  .object({
    ...common,
    ...filters,
    groupBy: z
      .enum(["channel", "inbox", "agent", "team", "intent", "topic", "tier", "segment"], { error: "groupBy must be channel, inbox, agent, team, intent, topic, tier or segment" })
      .default("channel"),
  })
  .strict();

const serviceGroupBy = { groupBy: z.enum(["channel", "inbox", "agent", "team"], { error: "groupBy must be channel, inbox, agent or team" }).default("channel") };

/** Query of GET /api/v1/reports/service (and service.csv). */
export const serviceQuery = z.object({ ...common, ...serviceGroupBy, ...filters }).strict();

/** Query of GET /api/v1/reports/csat (and csat.csv): the service report's period and grouping, no filters. */
export const csatQuery = z.object({ ...common, ...serviceGroupBy }).strict();

/** Query of GET /api/v1/reports/messages (and messages.csv): the sentiment report's filters and one point of it. */
export const drillQuery = sentimentQuery
  .extend({
    // A point's bucket as the report gave it; without one, the whole period.
    bucket: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2})$/, "bucket must be a point's bucket as the report gave it (2026-03-29T00:00:00+01:00)")
      .optional(),
    // A group's key; empty for the group without one ("no agent", "no intent" …); absent for every group.
    group: z.string().max(200, "group is too long").optional(),
    sentiment: z.enum(["negative", "neutral", "positive"], { error: "sentiment must be negative, neutral or positive" }).optional(),
    cursor: cursorParam,
    limit: limitSchema,
  })
  .strict();

/** The sentiment report's query, parsed. */
export type SentimentQuery = z.infer<typeof sentimentQuery>;
/** The service report's query, parsed. */
export type ServiceQuery = z.infer<typeof serviceQuery>;
/** The drill-down's query, parsed. */
export type DrillQuery = z.infer<typeof drillQuery>;

const hourOfDay = z.number().int("start must be a whole hour").min(0, "start must be 0–23").max(23, "start must be 0–23");

/** Body of POST /api/v1/reports/staffing. */
export const staffingBody = z
  .object({
    weeks: z.number().int("weeks must be a whole number").min(1, "weeks must be at least 1").max(52, "weeks must be at most 52").default(4),
    arrivals: z
      .array(z.number().min(0, "arrivals must not be negative").max(100_000, "arrivals must be at most 100000 per hour"))
      .refine((a) => a.length === 24 || a.length === 168, "arrivals must list 24 hours (every day alike) or 168 (Monday 00:00 to Sunday 23:00)")
      .optional(),
    handleTimeSeconds: z.number().min(10, "handleTimeSeconds must be at least 10").max(14_400, "handleTimeSeconds must be at most 14400").default(300),
    serviceLevel: z
      .object({
        target: z.number().gt(0, "serviceLevel.target must be above 0").lt(1, "serviceLevel.target must be below 1").default(0.8),
        withinSeconds: z.number().min(1, "serviceLevel.withinSeconds must be at least 1").max(3600, "serviceLevel.withinSeconds must be at most 3600").default(60),
      })
      .strict()
      .default({ target: 0.8, withinSeconds: 60 }),
    shifts: z
      .array(z.object({ start: hourOfDay, hours: z.number().int("hours must be whole").min(1, "hours must be at least 1").max(16, "hours must be at most 16") }).strict())
      .min(1, "shifts must list at least one shift")
      .max(96, "shifts must list at most 96 shifts")
      .optional(),
    timezone,
  })
  .strict();
