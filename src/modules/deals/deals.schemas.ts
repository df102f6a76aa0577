/** The zod shapes of the deals API's requests: stages, deals, the pipeline and the conversation's draft (the OpenAPI document is generated from these). */
import { z } from "zod";
import { cursorParam, limitSchema } from "../../http/pagination.ts";

const probabilitySchema = z.number({ error: "probability must be a whole number from 0 to 100" }).int("probability must be a whole number from 0 to 100").min(0, "probability must be at least 0").max(100, "probability must be at most 100");
const stageNameSchema = z.string({ error: "name is required" }).trim().min(1, "name is required").max(60, "name is at most 60 characters");
const positionSchema = z.number({ error: "position must be a whole number from 1" }).int("position must be a whole number").min(1, "position must be at least 1").max(1000, "position must be at most 1000");
const currencySchema = z
  .string({ error: "currency must be an ISO 4217 code such as USD" })
  .trim()
  .transform((c) => c.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, "currency must be an ISO 4217 code such as USD"));
const amountSchema = z.number({ error: "amountCents must be a whole number of cents" }).int("amountCents must be a whole number of cents").min(0, "amountCents must be at least 0").max(Number.MAX_SAFE_INTEGER / 100, "amountCents is too large");
const titleSchema = z.string({ error: "title is required" }).trim().min(1, "title is required").max(200, "title is at most 200 characters");
const dateSchema = z.iso.date("expectedCloseDate must be a date such as 2026-12-31");
const stageRefSchema = z.string({ error: "stage must be a stage key or id" }).trim().min(1, "stage must be a stage key or id").max(100, "stage must be a stage key or id");
const idSchema = (field: string) => z.uuid(`${field} must be a UUID`);

/** `:id` of /api/v1/deals/stages/:id and /api/v1/deals/:id. */
export const idParam = z.object({ id: z.uuid("id must be a UUID") });

/** Body of POST /api/v1/deals/stages. */
export const createStageBody = z
  .object({ name: stageNameSchema, probability: probabilitySchema, position: positionSchema.optional(), outcome: z.enum(["open", "won", "lost"], "outcome must be open, won or lost").optional() })
  .strict();

/** Body of PATCH /api/v1/deals/stages/:id. */
export const updateStageBody = z
  .object({ name: stageNameSchema.optional(), probability: probabilitySchema.optional(), position: positionSchema.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, probability, position");

/** Body of POST /api/v1/deals. */
export const createDealBody = z
  .object({
    title: titleSchema,
    customerId: idSchema("customerId"),
    companyId: idSchema("companyId").nullable().optional(),
    ownerId: idSchema("ownerId").nullable().optional(),
    amountCents: amountSchema,
    currency: currencySchema.optional(),
    stage: stageRefSchema.optional(),
    probability: probabilitySchema.nullable().optional(),
    expectedCloseDate: dateSchema.nullable().optional(),
    conversationId: idSchema("conversationId").nullable().optional(),
  })
  .strict();

/** Body of PATCH /api/v1/deals/:id (null removes an optional value). */
export const updateDealBody = z
  .object({
    title: titleSchema.optional(),
    customerId: idSchema("customerId").optional(),
    companyId: idSchema("companyId").nullable().optional(),
    ownerId: idSchema("ownerId").nullable().optional(),
    amountCents: amountSchema.optional(),
    currency: currencySchema.optional(),
    stage: stageRefSchema.optional(),
    probability: probabilitySchema.nullable().optional(),
    expectedCloseDate: dateSchema.nullable().optional(),
    conversationId: idSchema("conversationId").nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one field to change");

/** Query of GET /api/v1/deals. */
export const listDealsQuery = z.object({
  ownerId: idSchema("ownerId").optional(),
  stage: stageRefSchema.optional(),
  customerId: idSchema("customerId").optional(),
  conversationId: idSchema("conversationId").optional(),
  status: z.enum(["open", "won", "lost"], "status must be open, won or lost").optional(),
  cursor: cursorParam,
  limit: limitSchema,
});

const instantOrDate = (field: string) =>
  z
    .string({ error: `${field} must be an ISO date or date-time` })
    .refine((s) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)), `${field} must be an ISO date or date-time`)
    // A date is its UTC midnight; a date-time without a zone is read as UTC too (never the server's local time).
    .transform((s) => new Date(s.length === 10 ? `${s}T00:00:00Z` : /(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`));

/** Query of GET /api/v1/deals/pipeline ([from, to): default the current calendar month, UTC). */
export const pipelineQuery = z
  .object({ currency: currencySchema.optional(), ownerId: idSchema("ownerId").optional(), from: instantOrDate("from").optional(), to: instantOrDate("to").optional() })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "to must be after from", path: ["to"] });

/** Query of GET /api/v1/deals/draft. */
export const draftQuery = z.object({ conversationId: idSchema("conversationId") });

/** A new stage, after validation. */
export type CreateStageInput = z.infer<typeof createStageBody>;
/** A change to a stage, after validation. */
export type UpdateStageInput = z.infer<typeof updateStageBody>;
/** A new deal, after validation. */
export type CreateDealInput = z.infer<typeof createDealBody>;
/** A change to a deal, after validation. */
export type UpdateDealInput = z.infer<typeof updateDealBody>;
/** The deal list's filters, after validation. */
export type ListDealsQuery = z.infer<typeof listDealsQuery>;
