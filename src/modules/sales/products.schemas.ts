/** The zod shapes of the products API's requests (the OpenAPI document is generated from these). */
import { z } from "zod";
import { limitSchema } from "../../http/pagination.ts";

/** An ISO 4217 currency code: three upper-case letters ("USD", "EUR"). */
export const currencySchema = z.string({ error: "currency must be an ISO 4217 code such as USD" }).regex(/^[A-Z]{3}$/, "currency must be an ISO 4217 code such as USD (three upper-case letters)");

/** Money in integer cents, never negative; bounded so totals fit the database's integer columns. */
export const centsSchema = (field: string) =>
  z
    .number({ error: `${field} must be a whole number of cents` })
    .int(`${field} must be a whole number of cents`)
    .min(0, `${field} must be 0 or more`)
    .max(1_000_000_000, `${field} is at most 1000000000 (10 million in the currency's units)`);

const skuSchema = z
  .string({ error: "sku is required" })
  .trim()
  .min(1, "sku is required")
  .max(64, "sku is at most 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, "sku may hold letters, digits and . _ / - (starting with a letter or digit)");
const nameSchema = z.string({ error: "name is required" }).trim().min(1, "name is required").max(200, "name is at most 200 characters");
const descriptionSchema = z.string().trim().max(5000, "description is at most 5000 characters").nullable();

/** `:id` of /api/v1/products/:id. */
export const productIdParam = z.object({ id: z.uuid("id must be a UUID") });

/** Query of GET /api/v1/products: `q` matches name or SKU; `active` keeps live (true) or archived (false) products only. */
export const listProductsQuery = z.object({
  q: z.string().trim().max(200, "q is at most 200 characters").optional(),
  active: z.enum(["true", "false"], { error: "active must be true or false" }).optional(),
  limit: limitSchema,
  // Carries a product name (up to 200 characters).
  cursor: z.string().max(2000).optional(),
});

/** Body of POST /api/v1/products. */
export const createProductBody = z
  .object({
    sku: skuSchema,
    name: nameSchema,
    description: descriptionSchema.optional(),
    priceCents: centsSchema("priceCents"),
    currency: currencySchema.optional(),
  })
  .strict();

/** Body of PATCH /api/v1/products/:id (`active: true` brings an archived product back). */
export const updateProductBody = z
  .object({
    sku: skuSchema.optional(),
    name: nameSchema.optional(),
    description: descriptionSchema.optional(),
    priceCents: centsSchema("priceCents").optional(),
    currency: currencySchema.optional(),
    active: z.boolean({ error: "active must be true or false" }).optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of sku, name, description, priceCents, currency, active");

/** Keyset cursor of the product list: the name and id of the previous page's last product. */
export const productCursor = z.object({ name: z.string().max(200), id: z.uuid() }).strict();

/** A request to create a product, after validation. */
export type CreateProductInput = z.infer<typeof createProductBody>;

/** A change to a product, after validation. */
export type UpdateProductInput = z.infer<typeof updateProductBody>;
