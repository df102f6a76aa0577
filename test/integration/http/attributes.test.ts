import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AttributeDefinitionDTO, CustomerProfileDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { addCustomer, uniqueToken } from "../../support/crm-records.ts";
import { testEngines } from "../../support/engines.ts";

describe.each(testEngines())("custom attributes on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let manager: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    manager = await t.login("morgan@switchboard.local");
    for (const definition of [
      { key: "plan", label: "Plan", type: "list", options: ["free", "pro", "enterprise"] },
      { key: "seats", label: "Seats", type: "number" },
      { key: "renewal", label: "Renewal date", type: "date" },
      { key: "churn_risk", label: "Churn risk", type: "boolean" },
      { key: "notes_text", label: "Background", type: "text" },
    ]) {
      expect((await api(t.url, "POST", "/api/v1/attributes", { cookie: admin, body: definition })).status).toBe(201);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const define = (cookie: string, body: unknown) => api<{ data: AttributeDefinitionDTO }>(t.url, "POST", "/api/v1/attributes", { cookie, body });

  it("admins define attributes; anyone who reads customers lists them by entity", async () => {
    const created = await define(admin, { entity: "company", key: "industry", label: "Industry", type: "text" });
    expect(created).toMatchObject({ status: 201, body: { data: { entity: "company", key: "industry", label: "Industry", type: "text", options: [] } } });
    const agent = await t.login("alex@switchboard.local");
    const customers = await api<{ data: AttributeDefinitionDTO[] }>(t.url, "GET", "/api/v1/attributes?entity=customer", { cookie: agent });
    expect(customers.body.data.map((d) => d.key)).toEqual(["churn_risk", "notes_text", "plan", "renewal", "seats"]);
    expect(customers.body.data.find((d) => d.key === "plan")?.options).toEqual(["free", "pro", "enterprise"]);
    const companies = await api<{ data: AttributeDefinitionDTO[] }>(t.url, "GET", "/api/v1/attributes?entity=company", { cookie: agent });
    expect(companies.body.data.map((d) => d.key)).toEqual(["industry"]);
    expect(await define(manager, { key: "region", label: "Region", type: "text" })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });

  it("rejects a key taken (409 ATTRIBUTE_EXISTS) and bad definitions (400 naming the field)", async () => {
    expect(await define(admin, { key: "seats", label: "Seats again", type: "number" })).toMatchObject({ status: 409, body: { error: { code: "ATTRIBUTE_EXISTS" } } });
    for (const [body, field] of [
      [{ key: "Seats", label: "x", type: "number" }, "key"],
      [{ key: "1st", label: "x", type: "number" }, "key"],
      [{ key: "a".repeat(41), label: "x", type: "number" }, "key"],
      [{ key: "ok", label: "", type: "number" }, "label"],
      [{ key: "ok", label: "x", type: "money" }, "type"],
      [{ key: "ok", label: "x", type: "list" }, "options"],
      [{ key: "ok", label: "x", type: "list", options: [] }, "options"],
      [{ key: "ok", label: "x", type: "number", options: ["a"] }, "options"],
      [{ key: "ok", label: "x", type: "text", entity: "order" }, "entity"],
    ] as const) {
      expect(await define(admin, body), JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { [field]: expect.any(String) } } } });
    }
    expect((await api(t.url, "GET", "/api/v1/attributes?entity=order", { cookie: admin })).status).toBe(400);
  });

  it("stores values that fit their definitions, removes a key given null, and records the change", async () => {
    const token = uniqueToken();
    const customer = await addCustomer(t, admin, { name: `Attr ${token}`, attributes: { plan: "pro", seats: 12 } });
    expect(customer.attributes).toEqual({ plan: "pro", seats: 12 });
    const patch = { renewal: "2027-03-01", churn_risk: true, notes_text: "Met at the 2026 expo.", seats: null };
    const res = await api<{ data: CustomerProfileDTO }>(t.url, "PATCH", `/api/v1/customers/${customer.id}`, { cookie: admin, body: { attributes: patch } });
    expect(res.status).toBe(200);
    expect(res.body.data.attributes).toEqual({ plan: "pro", renewal: "2027-03-01", churn_risk: true, notes_text: "Met at the 2026 expo." });
    const [event] = (await t.container.database.db.select().from(tables.customerEvents).where(eq(tables.customerEvents.customerId, customer.id))).filter(
      (e) => e.type === "customer.updated",
    );
    expect(event.data).toEqual({
      changes: {
        "attributes.renewal": { from: null, to: "2027-03-01" },
        "attributes.churn_risk": { from: null, to: true },
        "attributes.notes_text": { from: null, to: "Met at the 2026 expo." },
        "attributes.seats": { from: 12, to: null },
      },
    });
  });

  it("rejects an unknown key or a value of the wrong type with 400 naming attributes.<key>, and changes nothing", async () => {
    const customer = await addCustomer(t, admin, { name: "Typed", attributes: { plan: "free" } });
    const bad = async (attributes: Record<string, unknown>, field: string) => {
      const res = await api(t.url, "PATCH", `/api/v1/customers/${customer.id}`, { cookie: admin, body: { name: "Changed", attributes } });
      expect(res, JSON.stringify(attributes)).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { [field]: expect.any(String) } } } });
    };
    await bad({ favourite_colour: "blue" }, "attributes.favourite_colour");
    await bad({ seats: "12" }, "attributes.seats");
    await bad({ seats: [12] }, "attributes.seats");
    await bad({ renewal: "next tuesday" }, "attributes.renewal");
    await bad({ renewal: "2027-02-30" }, "attributes.renewal");
    await bad({ churn_risk: "yes" }, "attributes.churn_risk");
    await bad({ plan: "platinum" }, "attributes.plan");
    await bad({ notes_text: "x".repeat(1001) }, "attributes.notes_text");
    await bad({ notes_text: 42 }, "attributes.notes_text");
    const create = await api(t.url, "POST", "/api/v1/customers", { cookie: admin, body: { name: "New", attributes: { plan: "gold" } } });
    expect(create).toMatchObject({ status: 400, body: { error: { fields: { "attributes.plan": expect.any(String) } } } });
    const [row] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, customer.id));
    expect(row).toMatchObject({ name: "Typed", attributes: { plan: "free" } });
  });

  it("deleting a definition removes its values (204); an unknown one is 404 ATTRIBUTE_NOT_FOUND; only admins delete", async () => {
    expect((await define(admin, { key: "temporary", label: "Temporary", type: "text" })).status).toBe(201);
    const customer = await addCustomer(t, admin, { name: "Temp", attributes: { temporary: "soon gone", plan: "pro" } });
    expect(await api(t.url, "DELETE", "/api/v1/attributes/customer/temporary", { cookie: manager })).toMatchObject({ status: 403 });
    expect((await api(t.url, "DELETE", "/api/v1/attributes/customer/temporary", { cookie: admin })).status).toBe(204);
    expect(await api(t.url, "DELETE", "/api/v1/attributes/customer/temporary", { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "ATTRIBUTE_NOT_FOUND" } } });
    const profile = await api<{ data: CustomerProfileDTO }>(t.url, "GET", `/api/v1/customers/${customer.id}`, { cookie: admin });
    expect(profile.body.data.attributes).toEqual({ plan: "pro" });
  });
});
