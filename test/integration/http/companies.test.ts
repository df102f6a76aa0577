import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CompanyDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { api, type JsonResponse } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

type ErrorBody = { error: { code: string; fields?: Record<string, string>; existingId?: string } };
type One = JsonResponse<{ data: CompanyDTO } & Partial<ErrorBody>>;
type Page = JsonResponse<{ data: CompanyDTO[]; nextCursor: string | null }>;

describe.each(testEngines())("companies API on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  const db = () => t.container.database.db;
  const post = (body: unknown, cookie = admin): Promise<One> => api(t.url, "POST", "/api/v1/companies", { cookie, body }) as Promise<One>;
  const patch = (id: string, body: unknown): Promise<One> => api(t.url, "PATCH", `/api/v1/companies/${id}`, { cookie: admin, body }) as Promise<One>;
  const list = (query = ""): Promise<Page> => api(t.url, "GET", `/api/v1/companies${query}`, { cookie: admin }) as Promise<Page>;

  async function addCustomer(values: Partial<typeof tables.customers.$inferInsert>): Promise<string> {
    const [row] = await db().insert(tables.customers).values(values).returning({ id: tables.customers.id });
    return row!.id;
  }
  const companyOf = async (id: string) => (await db().select().from(tables.customers).where(eq(tables.customers.id, id)))[0]!.companyId;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    await db()
      .insert(tables.attributeDefinitions)
      .values([
        { entity: "company", key: "industry", label: "Industry", type: "list", options: ["retail", "software"] },
        { entity: "company", key: "employees", label: "Employees", type: "number" },
        { entity: "customer", key: "shoeSize", label: "Shoe size", type: "number" },
      ]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("creates a company with a normalised domain and checked attributes (201), counting no customers yet", async () => {
    const res = await post({ name: "Initech", domain: "https://WWW.Initech.com/about?x=1", attributes: { industry: "software", employees: 120 } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ name: "Initech", domain: "initech.com", attributes: { industry: "software", employees: 120 }, customerCount: 0 });
    expect((await api(t.url, "GET", `/api/v1/companies/${res.body.data.id}`, { cookie: admin })).body).toEqual({ data: res.body.data });
  });

  it("refuses bad input with 400 VALIDATION_FAILED naming the field, and writes nothing", async () => {
    const before = (await db().select().from(tables.companies)).length;
    const cases: [unknown, string][] = [
      [{ domain: "nameless.com" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "Bad domain", domain: "not a domain" }, "domain"],
      [{ name: "Bad domain", domain: "localhost" }, "domain"],
      [{ name: "Bad domain", domain: "someone@acme.com" }, "domain"],
      [{ name: "Bad attribute", attributes: { colour: "red" } }, "attributes.colour"],
      [{ name: "Bad attribute", attributes: { employees: "many" } }, "attributes.employees"],
      [{ name: "Bad attribute", attributes: { industry: "mining" } }, "attributes.industry"],
      [{ name: "Customer attribute", attributes: { shoeSize: 42 } }, "attributes.shoeSize"],
      [{ name: "Unknown field", owner: "me" }, "body"],
      [{ name: "Nul\u0000byte" }, "name"],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error?.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error?.fields ?? {}), JSON.stringify(body)).toContain(field);
    }
    expect((await db().select().from(tables.companies)).length).toBe(before);
  });

  it("answers 409 COMPANY_EXISTS with the existing id when the domain is taken, however it is written", async () => {
    const first = await post({ name: "Hooli", domain: "hooli.com" });
    const again = await post({ name: "Hooli again", domain: "http://www.HOOLI.com/" });
    expect(again).toMatchObject({ status: 409, body: { error: { code: "COMPANY_EXISTS", existingId: first.body.data.id } } });
    expect(await db().select().from(tables.companies).where(eq(tables.companies.name, "Hooli again"))).toHaveLength(0);
  });

  it("joins live customers without a company whose email is at the new company's domain (not free mail), and says so on their timeline", async () => {
    const other = await post({ name: "Other Co", domain: "other.example" });
    const joiner = await addCustomer({ name: "Ann", email: "ann@globex.example" });
    const upper = await addCustomer({ name: "Ben", email: "Ben@GLOBEX.example" });
    const taken = await addCustomer({ name: "Cid", email: "cid@globex.example", companyId: other.body.data.id });
    const subdomain = await addCustomer({ name: "Dee", email: "dee@mail.globex.example" });
    const merged = await addCustomer({ name: "Eve", email: "eve@globex.example", mergedIntoId: joiner });
    const erased = await addCustomer({ email: "erased@globex.example", erasedAt: new Date() });
    const res = await post({ name: "Globex Corporation", domain: "globex.example" });
    expect(res.status).toBe(201);
    const id = res.body.data.id;
    expect(res.body.data.customerCount).toBe(2);
    expect(await companyOf(joiner)).toBe(id);
    expect(await companyOf(upper)).toBe(id);
    expect(await companyOf(taken)).toBe(other.body.data.id);
    expect(await companyOf(subdomain)).toBeNull();
    expect(await companyOf(merged)).toBeNull();
    expect(await companyOf(erased)).toBeNull();
    const events = await db().select().from(tables.customerEvents).where(eq(tables.customerEvents.customerId, joiner));
    expect(events).toMatchObject([
      { type: "customer.updated", actorType: "user", actorName: expect.any(String), data: { changes: { company: { from: null, to: { id, name: "Globex Corporation" } } }, reason: "email_domain" } },
    ]);

    const onTimeline = await api<{ data: { type: string; summary: string }[] }>(t.url, "GET", `/api/v1/customers/${joiner}/timeline`, { cookie: admin });
    expect(onTimeline.body.data[0]).toMatchObject({ type: "customer.updated", summary: expect.stringMatching(/^Company set to Globex Corporation by \S/) });

    const gmailUser = await addCustomer({ name: "Gus", email: "gus@gmail.com" });
    expect((await post({ name: "Google", domain: "gmail.com" })).body.data.customerCount).toBe(0);
    expect(await companyOf(gmailUser)).toBeNull();
  });

  it("lists companies by name then id with a keyset cursor, and finds them by a typo'd name or by domain", async () => {
    for (const name of ["Umbrella Corp", "Stark Industries", "Wayne Enterprises", "Acme Anvils"]) expect((await post({ name })).status).toBe(201);
    const all = await list("?limit=200");
    const names = all.body.data.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(all.body.nextCursor).toBeNull();

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.data.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.body.data.map((c) => c.id));

    expect((await list("?q=globx")).body.data.map((c) => c.name)).toEqual(["Globex Corporation"]);
    expect((await list("?q=Enterprises")).body.data.map((c) => c.name)).toEqual(["Wayne Enterprises"]);
    expect((await list("?q=www.hooli.com")).body.data.map((c) => c.name)).toEqual(["Hooli"]);
    expect((await list("?q=zzzzqqq")).body.data).toEqual([]);
    const globex = (await list("?q=globex")).body.data[0]!;
    expect(globex.customerCount).toBe(2);
    expect((await list("?cursor=bm90LWEtY3Vyc29y")).body).toMatchObject({ error: { code: "VALIDATION_FAILED", fields: { cursor: expect.any(String) } } });
    expect((await list("?limit=0")).status).toBe(400);
  });

  it("changes a company's name, attributes (merged; null removes one) and domain, and a new domain joins its customers", async () => {
    const created = await post({ name: "Soylent", attributes: { industry: "retail", employees: 10 } });
    const id = created.body.data.id;
    const customer = await addCustomer({ name: "Sol", email: "sol@soylent.example" });
    const res = await patch(id, { name: "Soylent Green", attributes: { employees: null, industry: "software" }, domain: "soylent.example" });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ name: "Soylent Green", domain: "soylent.example", attributes: { industry: "software" }, customerCount: 1 });
    expect(res.body.data.attributes).not.toHaveProperty("employees");
    expect(await companyOf(customer)).toBe(id);

    const cleared = await patch(id, { domain: null });
    expect(cleared.body.data).toMatchObject({ domain: null, customerCount: 1 });
    expect(await patch(id, { domain: "hooli.com" })).toMatchObject({ status: 409, body: { error: { code: "COMPANY_EXISTS" } } });
    expect(await patch(id, { domain: "nope" })).toMatchObject({ status: 400, body: { error: { fields: { domain: expect.any(String) } } } });
    expect(await patch(id, {})).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(await patch(id, { attributes: { employees: "lots" } })).toMatchObject({ status: 400, body: { error: { fields: { "attributes.employees": expect.any(String) } } } });
    expect(await patch(randomUUID(), { name: "Ghost" })).toMatchObject({ status: 404, body: { error: { code: "COMPANY_NOT_FOUND" } } });
  });

  it("answers 404 COMPANY_NOT_FOUND for an unknown id and 400 for one that is not a UUID", async () => {
    expect(await api(t.url, "GET", `/api/v1/companies/${randomUUID()}`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "COMPANY_NOT_FOUND" } } });
    expect(await api(t.url, "GET", "/api/v1/companies/not-a-uuid", { cookie: admin })).toMatchObject({ status: 400, body: { error: { fields: { id: expect.any(String) } } } });
    expect(await api(t.url, "DELETE", `/api/v1/companies/${randomUUID()}`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "COMPANY_NOT_FOUND" } } });
  });

  it("deletes a company (204) and keeps its customers, without a company and with a customer.updated event each", async () => {
    const company = (await post({ name: "Vandelay Industries", domain: "vandelay.example" })).body.data;
    const art = await addCustomer({ name: "Art", email: "art@vandelay.example", companyId: company.id });
    const kel = await addCustomer({ name: "Kel", email: "kel@elsewhere.example", companyId: company.id });
    const res = await api(t.url, "DELETE", `/api/v1/companies/${company.id}`, { cookie: admin });
    expect(res.status).toBe(204);
    expect((await api(t.url, "GET", `/api/v1/companies/${company.id}`, { cookie: admin })).status).toBe(404);
    const rows = await db().select().from(tables.customers).where(inArray(tables.customers.id, [art, kel]));
    expect(rows.map((r) => r.companyId)).toEqual([null, null]);
    const events = await db()
      .select()
      .from(tables.customerEvents)
      .where(and(inArray(tables.customerEvents.customerId, [art, kel]), eq(tables.customerEvents.type, "customer.updated")));
    expect(events).toHaveLength(2);
    expect(events[0]!.data).toMatchObject({ changes: { company: { from: { id: company.id, name: "Vandelay Industries" }, to: null } } });
    const onTimeline = await api<{ data: { summary: string }[] }>(t.url, "GET", `/api/v1/customers/${art}/timeline?kinds=event`, { cookie: admin });
    expect(onTimeline.body.data[0]?.summary).toMatch(/^Company removed \(was Vandelay Industries\) by \S/);
  });

  it("needs a session or an API key: 401 without, and a read-only key lists but may not write", async () => {
    expect((await api(t.url, "GET", "/api/v1/companies")).status).toBe(401);
    const key = await api<{ data: { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: "reader", scopes: ["customers:read"] } });
    const headers = { authorization: `Bearer ${key.body.data.token}`, "content-type": "application/json" };
    expect((await fetch(`${t.url}/api/v1/companies`, { headers })).status).toBe(200);
    const refused = await fetch(`${t.url}/api/v1/companies`, { method: "POST", headers, body: JSON.stringify({ name: "Keyed" }) });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe("FORBIDDEN");
  });
});
