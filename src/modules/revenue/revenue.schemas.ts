/** The zod shapes of the sales summary, targets and forecast requests (the OpenAPI document is generated from these). */
import { z } from "zod";
import { PERIOD_PATTERN } from "./periods.ts";

const INSTANT_REASON = "must be an ISO date (2026-01-31) or date-time with a zone (2026-01-31T12:00:00Z)";

/** A bound of a period: an ISO date (midnight UTC) or an ISO date-time with Z or an offset. */
const instantParam = (name: string) =>
  z
    .string()
    .max(40, `${name} ${INSTANT_REASON}`)
    .transform((text, ctx) => {
      const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
      const ok = dateOnly || z.iso.datetime({ offset: true }).safeParse(text).success;
      const at = new Date(dateOnly ? `${text}T00:00:00.000Z` : text);
      // "2026-02-30" parses to March 2nd: a date must print back as itself.
      if (!ok || Number.isNaN(at.getTime()) || (dateOnly && at.toISOString().slice(0, 10) !== text)) {
        ctx.addIssue({ code: "custom", message: `${name} ${INSTANT_REASON}` });
        return z.NEVER;
      }
      return at;
    })
    .meta({ description: `ISO date (midnight UTC) or date-time with a zone.`, example: "2026-01-01" });

/** A currency code as stored: three upper-case letters. */
export const currencyParam = z
  .string()
  .regex(/^[A-Z]{3}$/, "currency must be an ISO 4217 code such as USD")
  .meta({ description: "ISO 4217 code.", example: "USD" });

/** What the summary groups by. */
export const SALES_GROUP_BY = ["day", "week", "month", "product", "customer", "company", "owner", "channel"] as const;

/** Query of GET /api/v1/sales/summary. */
export const summaryQuery = z
  .object({
    from: instantParam("from").optional(),
    to: instantParam("to").optional(),
    currency: currencyParam.optional(),
    groupBy: z.enum(SALES_GROUP_BY, { error: `groupBy must be one of ${SALES_GROUP_BY.join(", ")}` }).optional(),
  })
  .strict();

/** A target period: a month ("2026-12") or a quarter ("2026-Q4"). */
export const periodParam = z
  .string()
  .regex(PERIOD_PATTERN, 'period must be a month ("2026-12") or a quarter ("2026-Q4")')
  .meta({ example: "2026-Q4" });

/** Body of PUT /api/v1/sales/targets: exactly one of `ownerId` and `team` (only "all", everyone, for now). */
export const putTargetBody = z
  .object({
    ownerId: z.uuid("ownerId must be a user id (UUID)").optional(),
    team: z.literal("all", { error: 'team must be "all" (everyone): teams of reps are not modelled yet' }).optional(),
    period: periodParam,
    amountCents: z
      .number({ error: "amountCents must be a whole number of cents, 0 or more" })
      .int("amountCents must be a whole number of cents, 0 or more")
      .min(0, "amountCents must be a whole number of cents, 0 or more")
      .max(Number.MAX_SAFE_INTEGER, "amountCents is too large"),
    currency: currencyParam.optional(),
  })
  .strict()
  .refine((body) => (body.ownerId === undefined) !== (body.team === undefined), { message: "give exactly one of ownerId and team", path: ["ownerId"] });

/** Query of GET /api/v1/sales/targets (the current month when `period` is left out). */
export const targetsQuery = z.object({ period: periodParam.optional() }).strict();

/** Query of GET /api/v1/sales/forecast. */
export const forecastQuery = z
  .object({
    weeks: z.coerce
      .number({ error: "weeks must be a whole number from 1 to 52" })
      .int("weeks must be a whole number from 1 to 52")
      .min(1, "weeks must be a whole number from 1 to 52")
      .max(52, "weeks must be a whole number from 1 to 52")
      .default(12),
    currency: currencyParam.optional(),
  })
  .strict();
