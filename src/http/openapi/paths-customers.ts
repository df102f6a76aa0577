/** Operations on customer records: search, add, profile, edit, bulk tags, merge, suggestions, GDPR export and erasure. */
import { z } from "zod";
import { bulkTagsBody, createCustomerBody, customerIdParam, listCustomersQuery, patchCustomerBody } from "../../modules/customers/customers.schemas.ts";
import { mergeBody, mergeParams } from "../../modules/customers/merge.routes.ts";
import { privacyParams } from "../../modules/customers/privacy.routes.ts";
import { suggestionParams } from "../../modules/customers/suggestions.routes.ts";
import type { Operation } from "./operation.ts";
import { customerExportDTO, customerProfileDTO, customerSummaryDTO } from "./schemas-crm.ts";

const V1 = "/api/v1";
const read = { auth: "actor", actions: ["customer.read"] } as const;

/** The customer records' operations. */
const customers: Operation[] = [
  {
    method: "get",
    path: `${V1}/customers`,
    tag: "Customers",
    summary: "List and search customers",
    description:
      "`q` finds names and emails (typo-tolerant), phone numbers in any format, company names and order numbers, best match first; `tag` (repeatable: all must match), `companyId` and `segment` filter; `sort` orders the list when there is no `q`.",
    access: read,
    query: listCustomersQuery,
    success: { status: 200, description: "A page of customers.", page: customerSummaryDTO },
  },
  {
    method: "post",
    path: `${V1}/customers`,
    tag: "Customers",
    summary: "Add a customer",
    description: "A customer whose email domain is a company's (not free mail) joins that company. Email and phone must be new: a duplicate is 409 with `existingId`.",
    access: { auth: "actor", actions: ["customer.create"] },
    body: createCustomerBody,
    success: { status: 201, description: "The new customer's profile.", data: customerProfileDTO },
    errors: ["CUSTOMER_EXISTS", "COMPANY_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/customers/bulk-tags`,
    tag: "Customers",
    summary: "Tag or untag many customers",
    description: "Every customer must be one the caller may edit, or nothing changes.",
    access: { auth: "actor", actions: ["customer.edit"] },
    body: bulkTagsBody,
    success: { status: 200, description: "How many customers changed.", data: z.object({ updated: z.number().int() }) },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/customers/:id`,
    tag: "Customers",
    summary: "A customer's profile",
    description: "Identities, company, tags, attributes, lifetime figures, sentiment trend, suggestions from the customer's own words, likely duplicates, recent orders and conversations. A merged record answers 404 with `mergedInto`.",
    access: read,
    params: customerIdParam,
    success: { status: 200, description: "The profile.", data: customerProfileDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "patch",
    path: `${V1}/customers/:id`,
    tag: "Customers",
    summary: "Edit a customer",
    description: "`null` clears a field; `tags` replaces the list; `attributes` merges (`null` removes a key). Each change is recorded on the timeline.",
    access: { auth: "actor", actions: ["customer.edit"] },
    params: customerIdParam,
    body: patchCustomerBody,
    success: { status: 200, description: "The profile as changed.", data: customerProfileDTO },
    errors: ["CUSTOMER_NOT_FOUND", "CUSTOMER_EXISTS", "COMPANY_NOT_FOUND"],
  },
];

/** Merge, suggestions and privacy. */
const mergeAndPrivacy: Operation[] = [
  {
    method: "post",
    path: `${V1}/customers/:id/merge`,
    tag: "Customers",
    summary: "Merge another customer into this one",
    description: "Moves the other record's identities, conversations, tickets, orders, notes and tags here and fills empty fields from it, in one transaction; the other id then answers 404 with `mergedInto`.",
    access: { auth: "actor", actions: ["customer.merge"] },
    params: mergeParams,
    body: mergeBody,
    success: { status: 200, description: "The surviving customer's profile.", data: customerProfileDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/customers/:id/suggestions/:suggestionId/accept`,
    tag: "Customers",
    summary: "Accept a suggestion",
    description: "Writes what the customer wrote (email, phone, name) onto the profile, or links the order.",
    access: { auth: "actor", actions: ["customer.edit"] },
    params: suggestionParams,
    success: { status: 200, description: "The profile as changed.", data: customerProfileDTO },
    errors: ["CUSTOMER_NOT_FOUND", "SUGGESTION_NOT_FOUND", "CUSTOMER_EXISTS"],
  },
  {
    method: "post",
    path: `${V1}/customers/:id/suggestions/:suggestionId/dismiss`,
    tag: "Customers",
    summary: "Dismiss a suggestion",
    access: { auth: "actor", actions: ["customer.edit"] },
    params: suggestionParams,
    success: { status: 204, description: "Dismissed." },
    errors: ["CUSTOMER_NOT_FOUND", "SUGGESTION_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/customers/:id/export`,
    tag: "Privacy",
    summary: "Export everything stored about a customer (GDPR)",
    access: { auth: "session", actions: ["customer.export"] },
    params: privacyParams,
    success: { status: 200, description: "One JSON document: profile, identities, messages, tickets, orders, notes.", document: customerExportDTO },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
  {
    method: "delete",
    path: `${V1}/customers/:id`,
    tag: "Privacy",
    summary: "Erase a customer (GDPR)",
    description: "Removes the profile fields and identities, redacts their message texts and drops annotations; orders stay, detached. Recorded (who, when); cannot be undone.",
    access: { auth: "session", actions: ["customer.erase"] },
    params: privacyParams,
    success: { status: 204, description: "Erased." },
    errors: ["CUSTOMER_NOT_FOUND"],
  },
];

/** The customer records' operations. */
export const customerOperations: Operation[] = [...customers, ...mergeAndPrivacy];
