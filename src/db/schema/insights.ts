/**
 * Customer insights (docs/insights.md): refresh runs, each customer's features with their segment, map position and
 * churn risk, the segments each run found, and the history of memberships (who moved between segments, and when).
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers.ts";
import { users } from "./users.ts";

/** Where a refresh run stands. */
export type InsightRunStatus = "queued" | "running" | "succeeded" | "failed";

/** One refresh: its progress while it runs, then the figures it found (the model summaries read pages from). */
export const insightRuns = pgTable(
  "insight_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Orders runs by creation even when two share a timestamp (a clock's resolution, a fixed test clock).
    seq: bigserial("seq", { mode: "number" }).notNull(),
    status: text("status").$type<InsightRunStatus>().notNull().default("queued"),
    trigger: text("trigger").$type<"manual" | "schedule">().notNull(),
    requestedBy: uuid("requested_by").references(() => users.id, { onDelete: "set null" }),
    progress: real("progress").notNull().default(0),
    stage: text("stage"),
    message: text("message"),
    customers: integer("customers").notNull().default(0),
    // Feature definitions (key, label, unit, mean, std, missing), the segmentation and the churn model's summaries.
    summary: jsonb("summary").$type<Record<string, unknown>>().notNull().default({}),
    seconds: real("seconds"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("insight_runs_seq_idx").on(t.seq), index("insight_runs_status_idx").on(t.status, t.seq)],
);

/** A segment one run found: its generated name, size, centroid, medians in people's units, top intents and rules. */
export const insightSegments = pgTable(
  "insight_segments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => insightRuns.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("insight_segments_run_idx").on(t.runId, t.position)],
);

/** One customer's latest features (raw, with what was missing, and standardised), segment, map point and churn risk. */
export const customerFeatures = pgTable(
  "customer_features",
  {
    customerId: uuid("customer_id")
      .primaryKey()
      .references(() => customers.id, { onDelete: "cascade" }),
    runId: uuid("run_id").notNull(),
    // Feature key → value in its unit (null when missing, before imputation).
    raw: jsonb("raw").$type<Record<string, number | null>>().notNull(),
    // Feature key → standardised value after imputation; missing indicators as "<key>_missing".
    standardized: jsonb("standardized").$type<Record<string, number>>().notNull(),
    topIntents: text("top_intents").array().notNull().default(sql`'{}'::text[]`),
    topTopics: text("top_topics").array().notNull().default(sql`'{}'::text[]`),
    channels: text("channels").array().notNull().default(sql`'{}'::text[]`),
    segmentId: uuid("segment_id"),
    segmentName: text("segment_name"),
    x: real("x"),
    y: real("y"),
    // A seeded random rank: the map's documented sample is the rows with the smallest ranks.
    mapRank: integer("map_rank").notNull().default(0),
    churned: boolean("churned"),
    churnRisk: real("churn_risk"),
    // The features that push this customer's risk up most (label, value in its unit, contribution to the log-odds).
    churnDrivers: jsonb("churn_drivers").$type<{ feature: string; label: string; value: number | null; effect: number }[]>().notNull().default([]),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("customer_features_risk_idx").on(t.churnRisk, t.customerId).where(sql`${t.churnRisk} is not null`),
    index("customer_features_map_idx").on(t.mapRank),
    index("customer_features_segment_idx").on(t.segmentId),
  ],
);

/** A customer's time in a segment (by name): `until` is set when a later run moved them elsewhere. */
export const segmentMemberships = pgTable(
  "segment_memberships",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    customerId: uuid("customer_id")
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    segmentName: text("segment_name").notNull(),
    segmentId: uuid("segment_id"),
    runId: uuid("run_id").notNull(),
    since: timestamp("since", { withTimezone: true }).notNull(),
    until: timestamp("until", { withTimezone: true }),
    // The run that ended it (so a run's movements can be counted).
    endedByRunId: uuid("ended_by_run_id"),
  },
  (t) => [
    index("segment_memberships_customer_idx").on(t.customerId, t.since),
    index("segment_memberships_open_idx").on(t.customerId).where(sql`${t.until} is null`),
    index("segment_memberships_ended_idx").on(t.endedByRunId),
  ],
);

/** Each customer's latest response score: the chosen response model's probability that they answer a campaign. */
export const responseScores = pgTable(
  "response_scores",
  {
    customerId: uuid("customer_id")
      .primaryKey()
      .references(() => customers.id, { onDelete: "cascade" }),
    runId: uuid("run_id").notNull(),
    score: real("score").notNull(),
    // "logistic" or "svm": the model that had the better cross-validated AUC in that run.
    model: text("model").notNull(),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("response_scores_score_idx").on(t.score, t.customerId)],
);
