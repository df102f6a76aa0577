/**
 * zod schemas of the deals responses declared in src/contracts/sales.ts, for the OpenAPI document only; each
 * `satisfies` its DTO type, so the document cannot drift from what the routes return.
 */
import { z } from "zod";
import type { DealDraftDTO, DealDTO, DealStageChangeDTO, DealStageDTO, PipelineDTO } from "../../contracts/sales.ts";
import { instant } from "./schemas-api.ts";
import { actorRefDTO } from "./schemas-crm.ts";

const isoDate = z.iso.date();

/** A stage of the pipeline. */
export const dealStageDTO = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    position: z.number().int().min(1),
    probability: z.number().int().min(0).max(100),
    outcome: z.enum(["open", "won", "lost"]),
  })
  .meta({ id: "DealStage" }) satisfies z.ZodType<DealStageDTO>;

/** A deal. */
export const dealDTO = z
  .object({
    id: z.uuid(),
    title: z.string(),
    customer: z.object({ id: z.uuid(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    company: z.object({ id: z.uuid(), name: z.string(), domain: z.string().nullable() }).nullable(),
    owner: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    amountCents: z.number().int(),
    currency: z.string(),
    stage: dealStageDTO,
    probability: z.number().int().min(0).max(100).describe("The deal's own probability, else its stage's."),
    weightedAmountCents: z.number().int().describe("round(amountCents × probability / 100)."),
    expectedCloseDate: isoDate.nullable(),
    conversationId: z.uuid().nullable(),
    source: z.enum(["manual", "chat", "import"]),
    closedAt: instant.nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Deal" }) satisfies z.ZodType<DealDTO>;

/** One stage change of a deal. */
export const dealStageChangeDTO = z
  .object({ id: z.uuid(), from: dealStageDTO.nullable(), to: dealStageDTO, actor: actorRefDTO, at: instant })
  .meta({ id: "DealStageChange" }) satisfies z.ZodType<DealStageChangeDTO>;

/** The pipeline's figures. */
export const pipelineDTO = z
  .object({
    currency: z.string(),
    stages: z.array(z.object({ stage: dealStageDTO, count: z.number().int(), amountCents: z.number().int(), weightedAmountCents: z.number().int() })),
    forecast: z.object({ from: instant, to: instant, weightedAmountCents: z.number().int(), dealCount: z.number().int() }),
  })
  .meta({ id: "Pipeline" }) satisfies z.ZodType<PipelineDTO>;

/** A deal prefilled from a conversation. */
export const dealDraftDTO = z
  .object({
    title: z.string(),
    customerId: z.uuid(),
    customerName: z.string().nullable(),
    amountCents: z.number().int().nullable(),
    currency: z.string(),
    productIds: z.array(z.uuid()),
  })
  .meta({ id: "DealDraft" }) satisfies z.ZodType<DealDraftDTO>;
