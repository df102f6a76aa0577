/** The zod shapes of the plans API's requests (the OpenAPI document is generated from these). */
import { z } from "zod";

/** Most deals one lead-assignment plan (or one apply) takes. */
export const MAX_PLAN_DEALS = 5000;
/** Most hours one effort plan splits. */
export const MAX_BUDGET_HOURS = 100_000;

const segmentName = z.string().trim().min(1, "a segment is a non-empty name").max(100, "a segment name is at most 100 characters");

/** `:userId` of /api/v1/sales/plans/reps/:userId. */
export const repUserParam = z.object({ userId: z.uuid("userId must be a UUID") });

/** Body of PUT /api/v1/sales/plans/reps/:userId (fields left out keep their value; capacity null: no limit). */
export const updateRepBody = z
  .object({
    capacity: z.number({ error: "capacity must be a whole number ≥ 0 or null" }).int("capacity must be a whole number").min(0, "capacity must be ≥ 0").max(100_000).nullable().optional(),
    segments: z.array(segmentName, { error: "segments must be a list of segment names" }).max(100, "at most 100 segments").optional(),
    active: z.boolean({ error: "active must be true or false" }).optional(),
  })
  .strict();

/** Body of POST /api/v1/sales/plans/lead-assignment. */
export const leadAssignmentBody = z
  .object({
    dealIds: z
      .array(z.uuid("each deal id must be a UUID"), { error: "dealIds must be a list of deal ids" })
      .min(1, "dealIds must name at least one deal")
      .max(MAX_PLAN_DEALS, `at most ${MAX_PLAN_DEALS} deals per plan`)
      .refine((ids) => new Set(ids).size === ids.length, "dealIds must not repeat a deal")
      .optional(),
    capacity: z.number({ error: "capacity must be a whole number ≥ 0" }).int("capacity must be a whole number").min(0, "capacity must be ≥ 0").max(100_000).optional(),
    reassign: z.boolean({ error: "reassign must be true or false" }).optional(),
  })
  .strict();

/** Body of POST /api/v1/sales/plans/lead-assignment/apply. */
export const applyAssignmentBody = z
  .object({
    assignments: z
      .array(z.object({ dealId: z.uuid("dealId must be a UUID"), ownerId: z.uuid("ownerId must be a UUID") }).strict(), { error: "assignments must be a list of {dealId, ownerId}" })
      .min(1, "assignments must hold at least one deal")
      .max(MAX_PLAN_DEALS, `at most ${MAX_PLAN_DEALS} assignments at once`)
      .refine((list) => new Set(list.map((a) => a.dealId)).size === list.length, "assignments must not name a deal twice"),
  })
  .strict();

/** Body of POST /api/v1/sales/plans/effort. */
export const effortBody = z
  .object({
    budgetHours: z.number({ error: "budgetHours must be a number of hours" }).int("budgetHours must be whole hours").min(0, "budgetHours must be ≥ 0").max(MAX_BUDGET_HOURS, `budgetHours is at most ${MAX_BUDGET_HOURS}`),
    segments: z
      .array(segmentName, { error: "segments must be a list of segment names" })
      .min(1, "segments must name at least one segment")
      .max(100, "at most 100 segments")
      .refine((names) => new Set(names).size === names.length, "segments must not repeat a segment")
      .optional(),
  })
  .strict();

/** Validated inputs. */
export type UpdateRepInput = z.infer<typeof updateRepBody>;
/** Validated lead-assignment request. */
export type LeadAssignmentInput = z.infer<typeof leadAssignmentBody>;
/** Validated apply request. */
export type ApplyAssignmentInput = z.infer<typeof applyAssignmentBody>;
/** Validated effort request. */
export type EffortInput = z.infer<typeof effortBody>;
