/** Small fixtures for the CRM tests: customers through the API, companies and orders straight into the database. */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { CustomerProfileDTO } from "../../src/contracts/crm.ts";
import { tables } from "../../src/db/index.ts";
import { api } from "./api-client.ts";
import type { TestApp } from "./create-test-app.ts";

/** A token that makes names and emails unique to one test. */
export function uniqueToken(): string {
  return randomUUID().replace(/[^a-f]/g, "").slice(0, 8).padEnd(8, "x");
}

/** Adds a customer through POST /api/v1/customers and returns its profile (fails the test unless 201). */
export async function addCustomer(t: TestApp, cookie: string, body: Record<string, unknown>): Promise<CustomerProfileDTO> {
  const res = await api<{ data: CustomerProfileDTO }>(t.url, "POST", "/api/v1/customers", { cookie, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

/** Inserts a company (the companies API is another slice's; the row is what matters here). */
export async function insertCompany(t: TestApp, values: { name: string; domain?: string | null }): Promise<{ id: string; name: string; domain: string | null }> {
  const [row] = await t.container.database.db.insert(tables.companies).values({ name: values.name, domain: values.domain ?? null }).returning();
  return { id: row.id, name: row.name, domain: row.domain };
}

/** Inserts an order for a customer. */
export async function insertOrder(
  t: TestApp,
  values: { customerId: string; number?: string; totalCents: number; currency?: string; status?: "processing" | "shipped" | "delivered" | "cancelled"; createdAt?: Date },
): Promise<{ id: string; number: string }> {
  const [row] = await t.container.database.db
    .insert(tables.orders)
    .values({ number: values.number ?? `ORD-${uniqueToken().toUpperCase()}`, status: "delivered", currency: "USD", ...values })
    .returning();
  return { id: row.id, number: row.number };
}
