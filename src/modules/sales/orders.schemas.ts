/** The zod shapes of the orders API's requests (the OpenAPI document is generated from these). */
import { z } from "zod";
import { limitSchema } from "../../http/pagination.ts";
import { centsSchema, currencySchema } from "./products.schemas.ts";

/** An order's status. */
export const orderStatusSchema = z.enum(["processing", "shipped", "delivered", "cancelled"], { error: "status must be one of processing, shipped, delivered, cancelled" });

/** Where an order came from. */
export const salesChannelSchema = z.enum(["web", "email", "telegram", "whatsapp", "slack", "sms", "phone", "manual", "import"], {
  error: "channel must be one of web, email, telegram, whatsapp, slack, sms, phone, manual, import",
});

/** An instant as an ISO date ("2026-12-01", midnight UTC) or date-time with a zone ("2026-12-01T09:30:00Z"). */
export const instantSchema = (field: string) =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], { error: `${field} must be an ISO date (2026-12-01) or date-time with a zone (2026-12-01T09:30:00Z)` })
    .transform((text) => new Date(text.length === 10 ? `${text}T00:00:00Z` : text))
    .refine((d) => !Number.isNaN(d.getTime()), `${field} is not a real date`);

/** `:id` of /api/v1/orders/:id. */
export const orderIdParam = z.object({ id: z.uuid("id must be a UUID") });

/** Query of GET /api/v1/orders: the half-open period [from, to) is on `placedAt`. */
export const listOrdersQuery = z
  .object({
    customerId: z.uuid("customerId must be a UUID").optional(),
    status: orderStatusSchema.optional(),
    from: instantSchema("from").optional(),
    to: instantSchema("to").optional(),
    limit: limitSchema,
    cursor: z.string().max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "to must be after from", path: ["to"] });

/** Cursor of the order list: the placedAt and id of the previous page's last order. */
export const orderCursor = z.object({ at: z.iso.datetime(), id: z.uuid() }).strict();

const quantitySchema = z
  .number({ error: "quantity must be a whole number, 1 or more" })
  .int("quantity must be a whole number, 1 or more")
  .min(1, "quantity must be 1 or more")
  .max(1_000_000, "quantity is at most 1000000");

/** One line of a new order; the unit price defaults to the product's. */
export const orderLineSchema = z
  .object({ productId: z.uuid("productId must be a UUID"), quantity: quantitySchema, unitPriceCents: centsSchema("unitPriceCents").optional() })
  .strict();

const nullableText = (field: string, max: number) => z.string({ error: `${field} must be text` }).trim().min(1, `${field} must not be empty (send null to clear it)`).max(max, `${field} is at most ${max} characters`).nullable();

/** Body of POST /api/v1/orders. `placedAt` may be in the past (imported history); `status` may be given for history too. */
export const createOrderBody = z
  .object({
    customerId: z.uuid("customerId must be a UUID"),
    items: z.array(orderLineSchema, { error: "items must be a list of {productId, quantity, unitPriceCents?}" }).min(1, "items must hold at least one line").max(100, "items holds at most 100 lines"),
    currency: currencySchema.optional(),
    placedAt: instantSchema("placedAt").optional(),
    status: orderStatusSchema.optional(),
    ownerId: z.uuid("ownerId must be a UUID").nullable().optional(),
    channel: salesChannelSchema.nullable().optional(),
    dealId: z.uuid("dealId must be a UUID").nullable().optional(),
    conversationId: z.uuid("conversationId must be a UUID").nullable().optional(),
    carrier: nullableText("carrier", 100).optional(),
    trackingNumber: nullableText("trackingNumber", 100).optional(),
    estimatedDelivery: z.iso.date("estimatedDelivery must be an ISO date (2026-12-24)").nullable().optional(),
  })
  .strict();

/** Body of PATCH /api/v1/orders/:id (null clears carrier, trackingNumber or estimatedDelivery). */
export const updateOrderBody = z
  .object({
    status: orderStatusSchema.optional(),
    carrier: nullableText("carrier", 100).optional(),
    trackingNumber: nullableText("trackingNumber", 100).optional(),
    estimatedDelivery: z.iso.date("estimatedDelivery must be an ISO date (2026-12-24)").nullable().optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of status, carrier, trackingNumber, estimatedDelivery");

/** A request to create an order, after validation. */
export type CreateOrderInput = z.infer<typeof createOrderBody>;

/** A change to an order, after validation. */
export type UpdateOrderInput = z.infer<typeof updateOrderBody>;

/** The filters of the order list, after validation. */
export type ListOrdersInput = z.infer<typeof listOrdersQuery>;
