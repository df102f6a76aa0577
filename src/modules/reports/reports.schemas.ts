/** zod schemas of the sentiment, service and drill-down reports' query strings. */
import { z } from "zod";
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

/** Query of GET /api/v1/reports/sentiment (and sentiment.csv). */
export const sentimentQuery = z
  .object({
    ...common,
    groupBy: z
      .enum(["channel", "inbox", "agent", "team", "intent", "topic", "tier", "segment"], { error: "groupBy must be channel, inbox, agent, team, intent, topic, tier or segment" })
      .default("channel"),
  })
  .strict();

/** Query of GET /api/v1/reports/service (and service.csv). */
export const serviceQuery = z
  .object({ ...common, groupBy: z.enum(["channel", "inbox", "agent", "team"], { error: "groupBy must be channel, inbox, agent or team" }).default("channel") })
  .strict();

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
