/**
 * zod schemas of the plans responses declared in src/contracts/sales.ts, for the OpenAPI document only; each
 * `satisfies` its DTO type, so the document cannot drift from what the routes return.
 */
import { z } from "zod";
import type { EffortPlanDTO, LeadAssignmentPlanDTO, SalesRepDTO } from "../../contracts/sales.ts";

/** An agent or manager with their plan settings. */
export const salesRepDTO = z
  .object({
    user: z.object({ id: z.uuid(), name: z.string() }),
    capacity: z.number().int().nullable().meta({ description: "Open deals the rep may hold; null: no limit." }),
    segments: z.array(z.string()).meta({ description: "Segments the rep covers; empty: any." }),
    active: z.boolean(),
    openDeals: z.number().int(),
  })
  .meta({ id: "SalesRep" }) satisfies z.ZodType<SalesRepDTO>;

/** A proposed lead assignment. */
export const leadAssignmentPlanDTO = z
  .object({
    status: z.literal("optimal"),
    objectiveCents: z.number().int().meta({ description: "Σ P(win) × amount of the proposal." }),
    baselineObjectiveCents: z.number().int().meta({ description: "The same for round-robin in creation order." }),
    assignments: z.array(z.object({ dealId: z.uuid(), ownerId: z.uuid(), pWin: z.number().min(0).max(1) })),
    solveMs: z.number().min(0),
  })
  .meta({ id: "LeadAssignmentPlan" }) satisfies z.ZodType<LeadAssignmentPlanDTO>;

/** How many deals an apply assigned. */
export const appliedDTO = z.object({ applied: z.number().int() }).meta({ id: "AppliedPlan" });

/** A proposed split of a month's sales hours; revenue figures are per calendar month. */
export const effortPlanDTO = z
  .object({
    period: z.literal("month").describe("the period budgetHours and every revenue figure are for"),
    budgetHours: z.number().int(),
    unallocatedHours: z.number().int().describe("hours no segment can use: every curve is flat"),
    allocation: z.array(
      z.object({
        segment: z.string(),
        hours: z.number().int(),
        expectedRevenueCents: z.number().int().describe("the month's expected revenue from the segment with these hours: base + what they add"),
        baseRevenueCents: z.number().int().describe("expected with no hours"),
        ceilingRevenueCents: z.number().int().describe("the most any hours give: at most 1.5 × the segment's best month"),
        flatAfterHours: z.number().int().describe("hours after which the curve has given 99% of its lift; never exceeded"),
        meanMonthlyRevenueCents: z.number().int().describe("mean monthly revenue over the 12 months the curve comes from"),
        curve: z.enum(["fitted", "pooled", "none"]),
      }),
    ),
    totalExpectedRevenueCents: z.number().int(),
    historyMonthlyRevenueCents: z.number().int().describe("what these segments sold in an average month of the window"),
  })
  .meta({ id: "EffortPlan" }) satisfies z.ZodType<EffortPlanDTO>;
