/** zod schemas of the insights routes (their query strings and the refresh body). */
import { z } from "zod";
import { cursorParam } from "../../http/pagination.ts";

/** Largest page of the feature table and of the churn list. */
export const INSIGHTS_PAGE = { default: 50, max: 500 } as const;
/** The map's default and largest number of points (a seeded random sample of the customers beyond it). */
export const MAP_POINTS = { default: 2000, max: 10_000 } as const;

const limit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(max, `limit must be at most ${max}`)
    .default(fallback);

/** Query of GET /api/v1/insights/features: one customer's row, or a page of the table. */
export const featuresQuery = z
  .object({
    customerId: z.uuid("customerId must be a UUID").optional(),
    limit: limit(INSIGHTS_PAGE.max, INSIGHTS_PAGE.default),
    cursor: cursorParam,
  })
  .strict();

/** Query of GET /api/v1/insights/map. */
export const mapQuery = z
  .object({
    segmentId: z.uuid("segmentId must be a UUID").optional(),
    limit: limit(MAP_POINTS.max, MAP_POINTS.default),
  })
  .strict();

/** Query of GET /api/v1/insights/churn: highest risk first (`-churnRisk`, the default) or lowest first (`churnRisk`). */
export const churnQuery = z
  .object({
    sort: z.enum(["-churnRisk", "churnRisk"], { error: "sort must be -churnRisk (highest risk first) or churnRisk" }).default("-churnRisk"),
    segmentId: z.uuid("segmentId must be a UUID").optional(),
    limit: limit(INSIGHTS_PAGE.max, INSIGHTS_PAGE.default),
    cursor: cursorParam,
  })
  .strict();

/** Query of GET /api/v1/insights/response/scores: highest score first. */
export const responseScoresQuery = z
  .object({
    limit: limit(INSIGHTS_PAGE.max, INSIGHTS_PAGE.default),
    cursor: cursorParam,
  })
  .strict();

/** Cursor of the response score list: the last row's score and id. */
export const responseCursor = z.object({ score: z.number().min(0).max(1), id: z.uuid() }).strict();

/** Cursor of the churn list: the last row's risk and id. */
export const churnCursor = z.object({ risk: z.number().min(0).max(1), id: z.uuid() }).strict();
/** Cursor of the feature table: the last customer id. */
export const featureCursor = z.object({ after: z.uuid() }).strict();

/** Body of POST /api/v1/insights/refresh (nothing to give). */
export const refreshBody = z.object({}).strict();

/** Query of the endpoints that take none (segments, status). */
export const noQuery = z.object({}).strict();
