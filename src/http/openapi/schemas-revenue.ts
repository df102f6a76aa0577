/**
 * zod schemas of the sales summary, targets and forecast responses declared in src/contracts/sales.ts, for the OpenAPI
 * document only; each `satisfies` its DTO type, so the document cannot drift from what the routes return.
 */
import { z } from "zod";
import type { ForecastDTO, SalesGroupDTO, SalesSummaryDTO, TargetRowDTO } from "../../contracts/sales.ts";
import { SALES_GROUP_BY } from "../../modules/revenue/revenue.schemas.ts";
import { instant } from "./schemas-api.ts";

const cents = z.number().int();
const isoDate = z.iso.date();

/** One group of the sales summary. */
export const salesGroupDTO = z
  .object({
    key: z.string().nullable().meta({ description: "The bucket's first day (day, week: its Monday, month: YYYY-MM-01), an id, or a channel; null: none." }),
    label: z.string(),
    totalAmountCents: cents,
    orderCount: z.number().int().meta({ description: "Orders in the group; with groupBy=product an order counts once per product it has." }),
    averageOrderValueCents: cents.nullable(),
    unitsSold: z.number().int(),
  })
  .meta({ id: "SalesGroup" }) satisfies z.ZodType<SalesGroupDTO>;

/** The sales summary. */
export const salesSummaryDTO = z
  .object({
    currency: z.string(),
    from: instant,
    to: instant,
    groupBy: z.enum(SALES_GROUP_BY).nullable(),
    totalAmountCents: cents,
    orderCount: z.number().int(),
    averageOrderValueCents: cents.nullable(),
    unitsSold: z.number().int(),
    averageUnitPriceCents: cents.nullable(),
    groups: z.array(salesGroupDTO),
  })
  .meta({ id: "SalesSummary" }) satisfies z.ZodType<SalesSummaryDTO>;

/** A target and how far it is met. */
export const targetRowDTO = z
  .object({
    owner: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
    team: z.string().nullable(),
    period: z.string(),
    currency: z.string(),
    targetCents: cents,
    wonCents: cents,
    attainmentPercent: z.number().nullable().meta({ description: "won ÷ target × 100, one decimal; null for a target of 0." }),
    weightedPipelineCents: cents,
    gapCents: cents,
  })
  .meta({ id: "TargetRow" }) satisfies z.ZodType<TargetRowDTO>;

/** The weekly revenue forecast. */
export const forecastDTO = z
  .object({
    currency: z.string(),
    method: z.string(),
    history: z.array(z.object({ weekStart: isoDate, amountCents: cents })),
    weeks: z.array(z.object({ weekStart: isoDate, amountCents: cents, lowCents: cents, highCents: cents })),
    backtest: z.object({ heldOutWeeks: z.number().int(), mape: z.number().nullable() }).nullable(),
  })
  .meta({ id: "Forecast" }) satisfies z.ZodType<ForecastDTO>;
