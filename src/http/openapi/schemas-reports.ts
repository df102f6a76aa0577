/** DTO schemas of the sentiment and service reports and the drill-down (src/contracts/reports.ts), for the OpenAPI document. */
import { z } from "zod";
import { instant } from "./schemas-api.ts";

const share = z.number().min(0).max(1).nullable();
const interval = z.enum(["hour", "day", "week", "month"]);
// A bucket's start as local time with the zone's offset ("2026-03-29T00:00:00+01:00").
const bucket = z.string();

const sentimentFigures = z.object({
  messages: z.number().int(),
  meanScore: z.number().nullable(),
  negativeShare: share,
  neutralShare: share,
  positiveShare: share,
  conversations: z.number().int(),
  worsened: z.number().int(),
  turnedAround: z.number().int(),
  agentChange: z.number().nullable(),
  agentConversations: z.number().int(),
});

/** GET /reports/sentiment. */
export const sentimentReportDTO = z.object({
  from: instant,
  to: instant,
  interval,
  groupBy: z.enum(["channel", "inbox", "agent", "team", "intent", "topic", "tier", "segment"]),
  timezone: z.string(),
  source: z.enum(["rollups", "raw"]),
  groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), total: sentimentFigures, series: z.array(sentimentFigures.extend({ bucket })) })),
});

/** One message behind a report's point. */
export const reportMessageDTO = z.object({
  id: z.uuid(),
  conversationId: z.uuid(),
  createdAt: instant,
  text: z.string(),
  score: z.number(),
  label: z.enum(["negative", "neutral", "positive"]),
  intent: z.string().nullable(),
  channel: z.string(),
  inboxId: z.string(),
  agentId: z.uuid().nullable(),
  drivers: z.array(z.object({ text: z.string(), weight: z.number() })),
});

/** CSAT answers, their mean score and the share of 4s and 5s. */
export const csatFigures = z.object({ responses: z.number().int(), meanScore: z.number().nullable(), satisfiedShare: share });
const slaBreachCounts = z.object({ firstResponse: z.number().int(), nextResponse: z.number().int(), resolution: z.number().int(), total: z.number().int() });
const percentiles = z.object({ p50: z.number().nullable(), p90: z.number().nullable() });
const serviceFigures = z.object({
  conversations: z.number().int(),
  contained: z.number().int(),
  containedShare: share,
  handoffs: z.number().int(),
  handoffReasons: z.record(z.string(), z.number().int()),
  firstResponse: percentiles,
  resolution: percentiles,
  resolutions: z.number().int(),
  reopened: z.number().int(),
  reopenRate: share,
  ticketsByStatus: z.object({ open: z.number().int(), pending: z.number().int(), resolved: z.number().int() }),
  ticketsByPriority: z.object({ low: z.number().int(), normal: z.number().int(), high: z.number().int(), urgent: z.number().int() }),
  assigned: z.number().int(),
  resolved: z.number().int(),
  medianHandleSeconds: z.number().nullable(),
  slaBreaches: slaBreachCounts,
  csat: csatFigures,
});

/** GET /reports/service. */
export const serviceReportDTO = z.object({
  from: instant,
  to: instant,
  interval,
  groupBy: z.enum(["channel", "inbox", "agent", "team"]),
  timezone: z.string(),
  groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), total: serviceFigures, series: z.array(serviceFigures.extend({ bucket })) })),
  slaBreaches: slaBreachCounts,
  csat: csatFigures,
});

/** GET /reports/csat. */
export const csatReportDTO = z.object({
  from: instant,
  to: instant,
  interval,
  groupBy: z.enum(["channel", "inbox", "agent", "team"]),
  timezone: z.string(),
  overall: csatFigures,
  groups: z.array(z.object({ key: z.string().nullable(), label: z.string(), total: csatFigures, series: z.array(csatFigures.extend({ bucket })) })),
  sentiment: z.object({ conversations: z.number().int(), pearson: z.number().min(-1).max(1).nullable() }),
  disagreements: z.array(
    z.object({
      conversationId: z.uuid(),
      kind: z.enum(["low_csat_positive_sentiment", "high_csat_negative_sentiment"]),
      score: z.number().int().min(1).max(5),
      sentiment: z.number(),
      messages: z.number().int(),
      comment: z.string().nullable(),
      channel: z.string(),
      inboxId: z.string(),
      respondedAt: instant,
      link: z.string(),
    }),
  ),
});

/** One negative-sentiment alert. */
export const alertDTO = z.object({
  id: z.uuid(),
  scope: z.enum(["inbox", "topic"]),
  key: z.string(),
  label: z.string(),
  status: z.enum(["open", "acknowledged"]),
  windowStart: instant,
  windowEnd: instant,
  share: z.number().min(0).max(1),
  threshold: z.number().min(0).max(1),
  negative: z.number().int(),
  volume: z.number().int(),
  raisedAt: instant,
  endedAt: instant.nullable(),
  acknowledgedAt: instant.nullable(),
  acknowledgedBy: z.uuid().nullable(),
  drillDown: z.string(),
});

/** POST /reports/staffing. */
export const staffingPlanDTO = z.object({
  timezone: z.string(),
  source: z.enum(["history", "given"]),
  from: instant.optional(),
  to: instant.optional(),
  weeks: z.number().int().optional(),
  handleTimeSeconds: z.number(),
  serviceLevel: z.object({ target: z.number(), withinSeconds: z.number() }),
  requiredAgents: z.array(
    z.object({
      hour: z.number().int().min(0).max(167),
      weekday: z.number().int().min(1).max(7),
      time: z.string(),
      arrivals: z.number(),
      trafficErlangs: z.number(),
      agents: z.number().int(),
      expectedServiceLevel: z.number(),
    }),
  ),
  requiredAgentHours: z.number().int(),
  shifts: z.array(z.object({ start: z.number().int().min(0).max(167), weekday: z.number().int().min(1).max(7), time: z.string(), hours: z.number().int(), agents: z.number().int() })),
  agentHours: z.number().int(),
  status: z.literal("optimal"),
  solveMs: z.number(),
});
