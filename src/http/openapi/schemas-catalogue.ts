/**
 * zod schemas of the product and order responses declared in src/contracts/sales.ts, for the OpenAPI document only;
 * each `satisfies` its DTO type, so the document cannot drift from what the routes return.
 */
import { z } from "zod";
import type { OrderDTO, ProductDTO } from "../../contracts/sales.ts";
import { instant } from "./schemas-api.ts";

const currency = z.string().regex(/^[A-Z]{3}$/).describe("ISO 4217 code.");
const personRef = z.object({ id: z.uuid(), name: z.string().nullable() });

/** A product of the catalogue. */
export const productDTO = z
  .object({
    id: z.uuid(),
    sku: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    priceCents: z.number().int().min(0),
    currency,
    active: z.boolean().describe("false once archived (DELETE): off the catalogue and new orders, still on past orders."),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Product" }) satisfies z.ZodType<ProductDTO>;

/** One line of an order, as sold. */
const orderItemDTO = z.object({
  productId: z.uuid(),
  sku: z.string(),
  name: z.string(),
  quantity: z.number().int().min(1),
  unitPriceCents: z.number().int().min(0),
  amountCents: z.number().int().min(0).describe("unitPriceCents × quantity."),
});

/** An order. */
export const orderDTO = z
  .object({
    id: z.uuid(),
    number: z.string().describe('What customers quote, "ORD-" and digits.'),
    customer: personRef.extend({ email: z.string().nullable() }).nullable(),
    company: z.object({ id: z.uuid(), name: z.string(), domain: z.string().nullable() }).nullable(),
    status: z.enum(["processing", "shipped", "delivered", "cancelled"]),
    items: z.array(orderItemDTO),
    totalCents: z.number().int().min(0).describe("Σ unit price × quantity over the items."),
    units: z.number().int().min(0).describe("Σ quantity over the items."),
    currency,
    placedAt: instant,
    owner: personRef.nullable(),
    channel: z.enum(["web", "email", "telegram", "whatsapp", "slack", "sms", "phone", "manual", "import"]).nullable(),
    dealId: z.uuid().nullable(),
    conversationId: z.uuid().nullable(),
    carrier: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    estimatedDelivery: z.iso.date().nullable(),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: "Order" }) satisfies z.ZodType<OrderDTO>;
