/** zod schemas of the customers API (bodies, queries, params), exported for validation and the OpenAPI document. */
import { z } from "zod";
import { cursorParam, limitSchema } from "../../http/pagination.ts";

/** Path parameter `:id` of /customers/:id. */
export const customerIdParam = z.object({ id: z.uuid("id must be a UUID") });

/** One tag: trimmed, lower-cased, 1–50 characters. */
export const tagSchema = z.string().trim().toLowerCase().min(1, "a tag must not be empty").max(50, "a tag has at most 50 characters");

/** Most tags a customer carries. */
export const MAX_TAGS = 50;

/** An email address, trimmed and lower-cased. */
export const emailSchema = z.string().trim().toLowerCase().max(320, "email has at most 320 characters").pipe(z.email("email must be an email address"));

/** A phone number as people write it: digits with +, spaces, dots, dashes or brackets, 5–30 characters. */
export const phoneSchema = z
  .string()
  .trim()
  .min(5, "phone has at least 5 characters")
  .max(30, "phone has at most 30 characters")
  .regex(/^\+?[0-9 ()./-]+$/, "phone must be digits, optionally with +, spaces, dots, dashes or brackets")
  .refine((phone) => (phone.match(/[0-9]/g)?.length ?? 0) >= 3, "phone must contain at least 3 digits");

const nameSchema = z.string().trim().min(1, "name is empty").max(200, "name has at most 200 characters");
const tierSchema = z.enum(["standard", "vip"], { error: "tier must be standard or vip" });
const tagsSchema = z.array(tagSchema).max(MAX_TAGS, `a customer has at most ${MAX_TAGS} tags`);
/** Custom attribute values by key (checked against the attribute definitions by the service; null removes a key). */
export const attributeValuesSchema = z.record(z.string().max(40, "an attribute key has at most 40 characters"), z.unknown());

/** The sort orders of the customer list (`-` for descending). */
export const CUSTOMER_SORTS = ["name", "-name", "createdAt", "-createdAt", "updatedAt", "-updatedAt"] as const;

/** Query of GET /api/v1/customers. */
export const listCustomersQuery = z
  .object({
    q: z.string().trim().max(200, "q has at most 200 characters").optional(),
    tag: z
      .union([tagSchema, z.array(tagSchema).max(20, "filter by at most 20 tags")])
      .optional()
      .transform((tag) => (tag === undefined ? [] : Array.isArray(tag) ? tag : [tag])),
    companyId: z.uuid("companyId must be a UUID").optional(),
    segment: z.string().trim().min(1).max(100).optional(),
    sort: z.enum(CUSTOMER_SORTS, { error: `sort must be one of ${CUSTOMER_SORTS.join(", ")}` }).optional(),
    limit: limitSchema,
    cursor: cursorParam,
  })
  .strict();

/** Body of POST /api/v1/customers. */
export const createCustomerBody = z
  .object({
    name: nameSchema.optional(),
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    companyId: z.uuid("companyId must be a UUID").optional(),
    tier: tierSchema.optional(),
    tags: tagsSchema.optional(),
    attributes: attributeValuesSchema.optional(),
  })
  .strict()
  .refine((b) => b.name !== undefined || b.email !== undefined || b.phone !== undefined, { message: "give at least one of name, email, phone", path: ["name"] });

/** Body of PATCH /api/v1/customers/:id (null clears a field; `tags` replaces the list; `attributes` merges, null removes a key). */
export const patchCustomerBody = z
  .object({
    name: nameSchema.nullable().optional(),
    email: emailSchema.nullable().optional(),
    phone: phoneSchema.nullable().optional(),
    tier: tierSchema.optional(),
    companyId: z.uuid("companyId must be a UUID or null").nullable().optional(),
    tags: tagsSchema.optional(),
    attributes: attributeValuesSchema.optional(),
  })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, email, phone, tier, companyId, tags, attributes");

/** Body of POST /api/v1/customers/bulk-tags. */
export const bulkTagsBody = z
  .object({
    ids: z.array(z.uuid("each id must be a UUID")).min(1, "give at least one id").max(200, "at most 200 ids at once"),
    add: z.array(tagSchema).max(MAX_TAGS).optional(),
    remove: z.array(tagSchema).max(MAX_TAGS).optional(),
  })
  .strict()
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, { message: "give tags to add or remove", path: ["add"] });

/** The types a custom attribute can have. */
export const ATTRIBUTE_TYPES = ["text", "number", "date", "boolean", "list"] as const;
const entitySchema = z.enum(["customer", "company"], { error: "entity must be customer or company" });

/** Query of GET /api/v1/attributes. */
export const listAttributesQuery = z.object({ entity: entitySchema.optional() }).strict();

/** Body of POST /api/v1/attributes. */
export const defineAttributeBody = z
  .object({
    entity: entitySchema.default("customer"),
    key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, "key must be 1–40 characters of a-z, 0-9 and _, starting with a letter"),
    label: z.string().trim().min(1, "label is required").max(100, "label has at most 100 characters"),
    type: z.enum(ATTRIBUTE_TYPES, { error: `type must be one of ${ATTRIBUTE_TYPES.join(", ")}` }),
    options: z.array(z.string().trim().min(1, "an option must not be empty").max(100)).max(100, "at most 100 options").optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    const options = b.options ?? [];
    if (b.type === "list" && options.length === 0) ctx.addIssue({ code: "custom", path: ["options"], message: "a list attribute needs at least one option" });
    if (b.type !== "list" && options.length > 0) ctx.addIssue({ code: "custom", path: ["options"], message: "only list attributes have options" });
    if (new Set(options).size !== options.length) ctx.addIssue({ code: "custom", path: ["options"], message: "options must be distinct" });
  });

/** Path parameters of DELETE /api/v1/attributes/:entity/:key. */
export const attributeParams = z.object({ entity: entitySchema, key: z.string().max(40) });

/** The parsed list query. */
export type ListCustomersQuery = z.infer<typeof listCustomersQuery>;
/** The parsed create body. */
export type CreateCustomerInput = z.infer<typeof createCustomerBody>;
/** The parsed patch body. */
export type PatchCustomerInput = z.infer<typeof patchCustomerBody>;
/** The parsed bulk-tags body. */
export type BulkTagsInput = z.infer<typeof bulkTagsBody>;
/** The parsed attribute definition. */
export type DefineAttributeInput = z.infer<typeof defineAttributeBody>;
