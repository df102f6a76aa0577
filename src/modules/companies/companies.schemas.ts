/** The zod shapes of the companies API's requests (the OpenAPI document is generated from these). */
import { z } from "zod";
import { limitSchema } from "../../http/pagination.ts";
import { normaliseDomain } from "./companies.domains.ts";

const DOMAIN_REASON = 'domain must be a domain name such as "acme.com"';

/** A company domain as typed: normalised ("https://www.Acme.com/" → "acme.com"), refused when it is not a domain. */
export const domainSchema = z
  .string({ error: DOMAIN_REASON })
  .max(300, DOMAIN_REASON)
  .transform((text, ctx) => {
    const domain = normaliseDomain(text);
    if (domain === undefined) {
      ctx.addIssue({ code: "custom", message: DOMAIN_REASON });
      return z.NEVER;
    }
    return domain;
  });

const nameSchema = z.string({ error: "name is required" }).trim().min(1, "name is required").max(200, "name is at most 200 characters");
const attributesSchema = z.record(z.string().max(100), z.unknown(), { error: "attributes must be an object of attribute keys and values" });

/** `:id` of /api/v1/companies/:id. */
export const companyIdParam = z.object({ id: z.uuid("id must be a UUID") });

/** Query of GET /api/v1/companies. */
export const listCompaniesQuery = z.object({
  q: z.string().trim().max(200, "q is at most 200 characters").optional(),
  limit: limitSchema,
  // Longer than other lists' cursors: this one carries a company name (up to 200 characters).
  cursor: z.string().max(2000).optional(),
});

/** Body of POST /api/v1/companies. */
export const createCompanyBody = z
  .object({ name: nameSchema, domain: domainSchema.nullable().optional(), attributes: attributesSchema.optional() })
  .strict();

/** Body of PATCH /api/v1/companies/:id (a null domain removes it). */
export const updateCompanyBody = z
  .object({ name: nameSchema.optional(), domain: domainSchema.nullable().optional(), attributes: attributesSchema.optional() })
  .strict()
  .refine((b) => Object.keys(b).length > 0, "give at least one of name, domain, attributes");

/** Keyset cursor of the company list: the name and id of the previous page's last company. */
export const companyCursor = z.object({ name: z.string().max(200), id: z.uuid() }).strict();

/** A request to create a company, after validation. */
export type CreateCompanyInput = z.infer<typeof createCompanyBody>;

/** A change to a company, after validation. */
export type UpdateCompanyInput = z.infer<typeof updateCompanyBody>;
