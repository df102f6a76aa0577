import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CustomerSummaryDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { addCustomer, insertCompany, insertOrder, uniqueToken } from "../../support/crm-records.ts";
import { testEngines } from "../../support/engines.ts";

type Page = { data: CustomerSummaryDTO[]; nextCursor: string | null };

describe.each(testEngines())("customer list and search on $name", (engine) => {
  let t: TestApp;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    cookie = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const search = async (query: string) => {
    const res = await api<Page>(t.url, "GET", `/api/v1/customers?${query}`, { cookie });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  };
  const ids = (page: Page) => page.data.map((c) => c.id);

  it("q finds a name despite a typo, by its first letters and by a later word, the closest match first", async () => {
    const token = uniqueToken();
    const target = await addCustomer(t, cookie, { name: `Zebadiah Quornby${token}` });
    const other = await addCustomer(t, cookie, { name: `Zebadiah Smith${token}` });
    const typo = await search(`q=${encodeURIComponent(`Zebadia Qornby${token}`)}`);
    expect(typo.data[0].id).toBe(target.id);
    expect(ids(await search("q=zebad"))).toEqual(expect.arrayContaining([target.id, other.id]));
    expect(ids(await search(`q=quornby${token}`))[0]).toBe(target.id);
  });

  it("q corrects every misspelt word of a name, in any order, and follows renames", async () => {
    const token = uniqueToken();
    const target = await addCustomer(t, cookie, { name: `Philippa Wolstenholme${token}` });
    const sameFirst = await addCustomer(t, cookie, { name: `Philippa Abernathy${token}` });
    for (const q of [`Phillipa Wolstenholm${token}`, `wolstenhlome${token} philipa`]) {
      const found = ids(await search(`q=${encodeURIComponent(q)}`));
      expect(found[0], q).toBe(target.id);
      expect(found, q).not.toContain(sameFirst.id);
    }
    // A rename: the new name's words are found misspelt, the old one's no longer.
    const renamed = await api(t.url, "PATCH", `/api/v1/customers/${target.id}`, { cookie, body: { name: `Philippa Featherstonehaugh${token}` } });
    expect(renamed.status).toBe(200);
    expect(ids(await search(`q=${encodeURIComponent(`Philipa Featherstonhaugh${token}`)}`))[0]).toBe(target.id);
    expect(ids(await search(`q=${encodeURIComponent(`Phillipa Wolstenholm${token}`)}`))).not.toContain(target.id);
  });

  it("q corrects two swapped letters in each word of a short name, which leave almost no trigram in common", async () => {
    const target = await addCustomer(t, cookie, { name: "Xeno Quyth" });
    // The whole names share 3 trigrams of 19 (similarity 0.16) and each word one or two: edit distance finds them.
    expect(ids(await search("q=Xneo%20Qutyh"))[0]).toBe(target.id);
    expect(ids(await search("q=qutyh"))[0]).toBe(target.id);
  });

  it("q falls back to comparing whole names when a word is too mangled to correct on its own", async () => {
    const token = uniqueToken();
    const target = await addCustomer(t, cookie, { name: `Jo Bexleyhurst${token}` });
    // "jxo" has no close word in any name; the whole name is still close.
    expect(ids(await search(`q=${encodeURIComponent(`jxo bexleyhurst${token}`)}`))[0]).toBe(target.id);
    expect(ids(await search(`q=${encodeURIComponent(`jobexleyhurst${token}`)}`))[0]).toBe(target.id);
  });

  it("q finds the demo customer 'Jordan Lee' from 'Jordn Le' and from 'jor'", async () => {
    const [jordan] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.email, "jordan.lee@example.com"));
    expect(ids(await search("q=Jordn%20Le"))[0]).toBe(jordan.id);
    expect(ids(await search("q=jor"))).toContain(jordan.id);
  });

  it("q finds an email exactly, by its beginning and with a typo; the exact address ranks first", async () => {
    const token = uniqueToken();
    const exact = await addCustomer(t, cookie, { name: "Mail Exact", email: `ramona.${token}@example.org` });
    const longer = await addCustomer(t, cookie, { name: "Mail Longer", email: `ramona.${token}x@example.org` });
    expect(ids(await search(`q=RAMONA.${token}@example.org`)).slice(0, 2)).toEqual([exact.id, longer.id]);
    expect(ids(await search(`q=ramona.${token}`))).toEqual(expect.arrayContaining([exact.id, longer.id]));
    expect(ids(await search(`q=ramna.${token}@exmaple.org`))).toContain(exact.id);
  });

  it("q finds a phone number written in any format", async () => {
    const customer = await addCustomer(t, cookie, { name: "Phone Person", phone: "+1 (415) 555-7301" });
    for (const q of ["+1 (415) 555-7301", "4155557301", "14155557301", "415.555.7301", "555-7301"]) {
      expect(ids(await search(`q=${encodeURIComponent(q)}`)), q).toContain(customer.id);
    }
    expect(ids(await search(`q=${encodeURIComponent("+14155557301")}`))[0]).toBe(customer.id);
    // The number without its country code is that number: before one that only holds the same digits further in.
    const containing = await addCustomer(t, cookie, { name: "Phone Longer", phone: "+1 (415) 555-73019" });
    const national = ids(await search(`q=${encodeURIComponent("(415) 555-7301")}`));
    expect(national[0]).toBe(customer.id);
    expect(national.indexOf(containing.id)).not.toBe(0);
  });

  it("q finds customers by their company's name (typo-tolerant) and by an order number in any case", async () => {
    const token = uniqueToken();
    const company = await insertCompany(t, { name: `Brightwater Logistics ${token}` });
    const employee = await addCustomer(t, cookie, { name: "Company Person", companyId: company.id });
    expect(ids(await search(`q=${encodeURIComponent(`Brightwatr Logistics ${token}`)}`))).toContain(employee.id);
    const buyer = await addCustomer(t, cookie, { name: `Order Person ${token}` });
    const order = await insertOrder(t, { customerId: buyer.id, number: `ORD-${token.toUpperCase()}`, totalCents: 1000 });
    expect(ids(await search(`q=${order.number}`))[0]).toBe(buyer.id);
    expect(ids(await search(`q=${order.number.toLowerCase()}`))[0]).toBe(buyer.id);
  });

  it("merged and erased records appear neither in the list nor in search", async () => {
    const token = uniqueToken();
    const kept = await addCustomer(t, cookie, { name: `Vanishing ${token} Kept`, tags: [`gone-${token}`] });
    const merged = await addCustomer(t, cookie, { name: `Vanishing ${token} Merged`, tags: [`gone-${token}`] });
    const erased = await addCustomer(t, cookie, { name: `Vanishing ${token} Erased`, tags: [`gone-${token}`] });
    const db = t.container.database.db;
    await db.update(tables.customers).set({ mergedIntoId: kept.id }).where(eq(tables.customers.id, merged.id));
    await db.update(tables.customers).set({ erasedAt: new Date() }).where(eq(tables.customers.id, erased.id));
    expect(ids(await search(`q=vanishing%20${token}`))).toEqual([kept.id]);
    expect(ids(await search(`tag=gone-${token}`))).toEqual([kept.id]);
  });

  it("filters by tags (all must match), company and segment", async () => {
    const token = uniqueToken();
    const company = await insertCompany(t, { name: `Filter Co ${token}` });
    const both = await addCustomer(t, cookie, { name: "Both Tags", tags: [`a-${token}`, `B-${token}`], companyId: company.id });
    const one = await addCustomer(t, cookie, { name: "One Tag", tags: [`a-${token}`] });
    expect(both.tags).toEqual([`a-${token}`, `b-${token}`]);
    expect(ids(await search(`tag=a-${token}`)).sort()).toEqual([both.id, one.id].sort());
    expect(ids(await search(`tag=a-${token}&tag=b-${token}`))).toEqual([both.id]);
    expect(ids(await search(`companyId=${company.id}`))).toEqual([both.id]);
    await t.container.database.db.update(tables.customers).set({ segment: `seg-${token}` }).where(eq(tables.customers.id, one.id));
    expect(ids(await search(`segment=seg-${token}&tag=a-${token}`))).toEqual([one.id]);
    expect((await search(`companyId=${company.id}`)).data[0].company).toEqual({ id: company.id, name: company.name, domain: null });
  });

  it("pages through every customer exactly once in each sort order, with a cursor per page", async () => {
    const token = uniqueToken();
    const tag = `page-${token}`;
    const names = ["delta", "alpha", "echo", "bravo", "charlie", null, "foxtrot"];
    const created: CustomerSummaryDTO[] = [];
    for (const [i, name] of names.entries()) {
      created.push(await addCustomer(t, cookie, name ? { name: `${name} ${token}`, tags: [tag] } : { email: `nameless-${i}-${token}@example.net`, tags: [tag] }));
    }
    // Touch two so updatedAt differs from createdAt order.
    for (const c of [created[2], created[0]]) {
      expect((await api(t.url, "PATCH", `/api/v1/customers/${c.id}`, { cookie, body: { tier: "vip" } })).status).toBe(200);
    }
    const walk = async (sort: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page = await search(`tag=${tag}&sort=${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        seen.push(...ids(page));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      return seen;
    };
    const byName = [...created].filter((c) => c.name).sort((a, b) => a.name!.localeCompare(b.name!));
    const nameless = created.filter((c) => !c.name);
    expect(await walk("name")).toEqual([...byName, ...nameless].map((c) => c.id));
    expect(await walk("-name")).toEqual([...byName.reverse(), ...nameless].map((c) => c.id));
    expect(await walk("createdAt")).toEqual(created.map((c) => c.id));
    expect(await walk("-createdAt")).toEqual(created.map((c) => c.id).reverse());
    const touched = [created[2].id, created[0].id];
    const untouched = created.map((c) => c.id).filter((id) => !touched.includes(id));
    expect(await walk("updatedAt")).toEqual([...untouched, ...touched]);
    expect(await walk("-updatedAt")).toEqual([...untouched, ...touched].reverse());
    // The default order is newest first.
    expect(ids(await search(`tag=${tag}`))).toEqual(created.map((c) => c.id).reverse());
  });

  it("a search pages by relevance: every match once, the best first", async () => {
    const token = uniqueToken();
    const made: CustomerSummaryDTO[] = [];
    for (const suffix of ["", "a", "ab", "abc", "abcd"]) made.push(await addCustomer(t, cookie, { name: `Relevance ${token}${suffix}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(`q=relevance%20${token}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 50);
    expect(seen.filter((id) => made.some((m) => m.id === id))).toEqual(made.map((m) => m.id));
    expect(new Set(seen).size).toBe(seen.length);
  });


  it("pages from the names starting with the query into the misspelt ones, each once, prefixes first", async () => {
    const token = uniqueToken();
    const starting: CustomerSummaryDTO[] = [];
    for (const suffix of ["", "a", "ab"]) starting.push(await addCustomer(t, cookie, { name: `Hollingsworth ${token}${suffix}` }));
    const misspelt = await addCustomer(t, cookie, { name: `Holingsworht ${token}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await search(`q=${encodeURIComponent(`hollingsworth ${token}`)}&limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 50);
    const ours = seen.filter((id) => [...starting, misspelt].some((m) => m.id === id));
    expect(ours).toEqual([...starting.map((m) => m.id), misspelt.id]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("a company's exact name lists its customers before those of companies whose name only starts the same", async () => {
    const token = uniqueToken();
    const longer = await insertCompany(t, { name: `Nimbus Gear ${token} Holdings` });
    const exact = await insertCompany(t, { name: `Nimbus Gear ${token}` });
    const ofLonger = await addCustomer(t, cookie, { name: "Aaron Early", companyId: longer.id });
    const ofExact = await addCustomer(t, cookie, { name: "Zoe Late", companyId: exact.id });
    const found = ids(await search(`q=${encodeURIComponent(`nimbus gear ${token}`)}`));
    expect(found[0]).toBe(ofExact.id);
    expect(found).toContain(ofLonger.id);
  });
  it("rejects bad list parameters with 400 VALIDATION_FAILED naming the parameter", async () => {
    const bad = async (query: string, field: string) =>
      expect(await api(t.url, "GET", `/api/v1/customers?${query}`, { cookie })).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { [field]: expect.any(String) } } } });
    await bad("sort=age", "sort");
    await bad("limit=0", "limit");
    await bad("limit=1000", "limit");
    await bad("companyId=acme", "companyId");
    await bad("cursor=not-a-cursor", "cursor");
    await bad(`q=${"x".repeat(201)}`, "q");
    await bad(`tag=${"t".repeat(51)}`, "tag");
    const first = await search("sort=name&limit=1");
    await bad(`sort=-createdAt&cursor=${first.nextCursor}`, "cursor");
  });

  it("asks for a session or an API key", async () => {
    expect(await api(t.url, "GET", "/api/v1/customers")).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
  });
});
