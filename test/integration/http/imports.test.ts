import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { runImport } from "../../../src/modules/imports/index.ts";
import { customerCsv } from "../../../bench/lib/crm-import-csv.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

type Upload = { kind?: string; filename?: string; cookie?: string; authorization?: string; multipart?: boolean; contentType?: string };
type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

describe.each(testEngines())("CSV imports and the customer export on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let adminId: string;
  let manager: string;
  let agent: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    adminId = (await api<{ data: { id: string } }>(t.url, "GET", "/api/v1/auth/me", { cookie: admin })).body.data.id;
    manager = await t.login("morgan@switchboard.local");
    agent = await t.login("alex@switchboard.local");
    // The attributes endpoint is another slice's: the definitions go straight into their table.
    await t.container.database.db.insert(tables.attributeDefinitions).values([
      { entity: "customer", key: "plan", label: "Plan", type: "list", options: ["free", "pro", "enterprise"] },
      { entity: "customer", key: "seats", label: "Seats", type: "number" },
      { entity: "customer", key: "renewal", label: "Renewal", type: "date" },
      { entity: "company", key: "industry", label: "Industry", type: "text" },
    ]);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  const db = () => t.container.database.db;

  async function upload(body: string | Buffer, options: Upload = {}): Promise<{ status: number; body: { data: ImportDTO } & ErrorBody }> {
    const headers: Record<string, string> = {};
    if (options.authorization) headers.authorization = options.authorization;
    else headers.cookie = options.cookie ?? admin;
    const query = new URLSearchParams();
    let payload: BodyInit = typeof body === "string" ? body : new Uint8Array(body);
    if (options.multipart) {
      const form = new FormData();
      if (options.kind) form.set("kind", options.kind);
      form.set("file", new Blob([payload as BlobPart], { type: "text/csv" }), options.filename ?? "upload.csv");
      payload = form;
    } else {
      headers["content-type"] = options.contentType ?? "text/csv";
      if (options.kind) query.set("kind", options.kind);
      if (options.filename) query.set("filename", options.filename);
    }
    const res = await fetch(`${t.url}/api/v1/imports?${query}`, { method: "POST", headers, body: payload });
    return { status: res.status, body: (await res.json()) as { data: ImportDTO } & ErrorBody };
  }

  async function finished(id: string, cookie = admin): Promise<ImportDTO> {
    for (let i = 0; i < 600; i++) {
      const res = await api<{ data: ImportDTO }>(t.url, "GET", `/api/v1/imports/${id}`, { cookie });
      expect(res.status).toBe(200);
      if (res.body.data.status === "completed" || res.body.data.status === "failed") return res.body.data;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  async function importCsv(text: string | Buffer, options: Upload = {}): Promise<ImportDTO> {
    const res = await upload(text, options);
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.data).toMatchObject({ status: "queued", processed: 0 });
    return finished(res.body.data.id);
  }

  const customerByEmail = async (email: string) => (await db().select().from(tables.customers).where(eq(tables.customers.email, email)))[0];
  const importCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(tables.imports))[0].n;

  it("imports a good file: new rows create customers, others update the record with the same email, then the one with the same phone", async () => {
    const [acme] = await db().insert(tables.companies).values({ name: "Acme Corp" }).returning();
    const [phoneOnly] = await db().insert(tables.customers).values({ name: "Phone Only", phone: "+1 415 555 0199", tags: ["known"] }).returning();
    await db().update(tables.customers).set({ tags: ["early"] }).where(eq(tables.customers.email, "jordan.lee@example.com"));
    const csv =
      "\uFEFFname,email,phone,company,tags,tier,plan,seats\r\n" +
      "Jordan L.,JORDAN.LEE@example.com,,acme corp,newsletter;Early,vip,pro,12\r\n" +
      "Phone Person,phone.person@example.com,+1 (415) 555-0199,,trial,,,\r\n" +
      'Zoë Müller,zoe.muller@example.com,+49 30 1234567,Brand New GmbH,"beta, wholesale",standard,free,\r\n' +
      ",only.email@example.com,,,,,,\r\n";
    const done = await importCsv(csv, { filename: "good.csv" });
    expect(done).toMatchObject({ status: "completed", kind: "customers", filename: "good.csv", total: 4, processed: 4, created: 2, updated: 2, failed: 0, errors: [], message: null });
    expect(done.finishedAt).not.toBeNull();

    const jordan = await customerByEmail("jordan.lee@example.com");
    expect(jordan).toMatchObject({ name: "Jordan L.", phone: "+14155550101", tier: "vip", companyId: acme.id, tags: ["early", "newsletter"] });
    expect(jordan.attributes).toMatchObject({ plan: "pro", seats: 12 });
    const matchedByPhone = (await db().select().from(tables.customers).where(eq(tables.customers.id, phoneOnly.id)))[0];
    expect(matchedByPhone).toMatchObject({ name: "Phone Person", email: "phone.person@example.com", phone: "+1 (415) 555-0199", tags: ["known", "trial"] });
    const zoe = await customerByEmail("zoe.muller@example.com");
    expect(zoe).toMatchObject({ name: "Zoë Müller", phone: "+49 30 1234567", tags: ["beta", "wholesale"], attributes: { plan: "free" } });
    const [brandNew] = await db().select().from(tables.companies).where(eq(tables.companies.id, zoe.companyId!));
    expect(brandNew.name).toBe("Brand New GmbH");
    expect(await customerByEmail("only.email@example.com")).toMatchObject({ name: null, tier: "standard" });

    const events = await db()
      .select()
      .from(tables.customerEvents)
      .where(inArray(tables.customerEvents.customerId, [jordan.id, phoneOnly.id, zoe.id]));
    expect(events.filter((e) => e.type === "customer.created").map((e) => e.customerId)).toEqual([zoe.id]);
    expect(events.every((e) => e.actorType === "user" && e.actorId === adminId)).toBe(true);
    const jordanUpdate = events.find((e) => e.customerId === jordan.id && e.type === "customer.updated");
    expect(jordanUpdate?.data).toMatchObject({ changes: { name: { from: "Jordan Lee", to: "Jordan L." }, tags: { from: ["early"], to: ["early", "newsletter"] } } });

    const [stored] = await db().select({ file: tables.imports.file }).from(tables.imports).where(eq(tables.imports.id, done.id));
    expect(stored.file).toBeNull();
  }, 60_000);

  it("reports each bad row with its line, field and reason, and writes nothing of it", async () => {
    const csv = [
      "name,email,phone,plan,seats,renewal",
      "Good One,good.one@example.com,,free,3,2027-01-31",
      "Bad Email,not-an-email,,,,",
      "Bad Phone,bad.phone@example.com,call me,,,",
      "Wrong List,wrong.list@example.com,,gold,,",
      "Wrong Number,wrong.number@example.com,,,many,",
      "Duplicate,GOOD.ONE@example.com,,,,",
      "",
      "Wrong Date,wrong.date@example.com,,,,2027-02-30",
      "Good Two,good.two@example.com,,,,",
    ].join("\n");
    const done = await importCsv(csv);
    expect(done).toMatchObject({ status: "completed", processed: 8, created: 2, updated: 0, failed: 6 });
    expect(done.errors.map((e) => [e.row, e.field])).toEqual([
      [3, "email"],
      [4, "phone"],
      [5, "plan"],
      [6, "seats"],
      [7, "email"],
      [9, "renewal"],
    ]);
    expect(done.errors[0].message).toContain("not-an-email");
    expect(done.errors[4].message).toMatch(/duplicate email good\.one@example\.com \(also on row 2\)/);
    for (const email of ["bad.phone@example.com", "wrong.list@example.com", "wrong.number@example.com", "wrong.date@example.com"]) {
      expect(await customerByEmail(email)).toBeUndefined();
    }
    expect(await customerByEmail("good.one@example.com")).toMatchObject({ name: "Good One", attributes: { plan: "free", seats: 3, renewal: "2027-01-31" } });
  }, 60_000);

  it("refuses a phone that belongs to another customer than the row's email", async () => {
    const done = await importCsv("name,email,phone\nSomeone Else,someone.else@example.com,+44 20 7946 0958\n");
    expect(done).toMatchObject({ created: 0, updated: 0, failed: 1 });
    expect(done.errors[0]).toMatchObject({ row: 2, field: "phone" });
    expect(await customerByEmail("someone.else@example.com")).toBeUndefined();
  }, 60_000);

  it.each([
    ["a Latin-1 file", Buffer.from("name,email\nJosé Núñez,jose@example.com\n", "latin1"), /not UTF-8; save it as CSV UTF-8/],
    ["an empty file", "", /empty/],
    ["a file of blank lines and a byte-order mark", "\uFEFF \r\n\r\n", /empty/],
    ["a file without a header row", "Jordan Lee,jordan.lee@example.com,+14155550101\n", /no header row.*jordan\.lee@example\.com/],
    ["a header without name, email or phone", "company,tags\nAcme,vip\n", /none of the columns name, email and phone/],
    ["an unknown column", "name,email,favourite_color,shoe size\nA,a@example.com,red,42\n", /Unknown columns: "favourite_color", "shoe size"/],
    ["a column named twice", "name,email,Email\nA,a@example.com,b@example.com\n", /"email" appears twice/],
    ["a header with no rows", "name,email\r\n", /header row but no rows/],
    ["10 MB of one line", `name,email\n${"x".repeat(10 * 1024 * 1024)}\n`, /Line 2 is longer than 64 KB/],
  ])("refuses %s with CSV_INVALID, importing nothing", async (_name, body, message) => {
    const before = await importCount();
    const res = await upload(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("CSV_INVALID");
    expect(res.body.error.message).toMatch(message);
    expect(res.body.error.message).toContain("Nothing was imported");
    expect(await importCount()).toBe(before);
  }, 60_000);

  it("refuses a file of more than 1,000,000 rows, importing nothing", async () => {
    const before = await importCount();
    const res = await upload(`email\n${"x\n".repeat(1_000_001)}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "CSV_INVALID", message: expect.stringMatching(/more than 1,000,000 rows/) });
    expect(await importCount()).toBe(before);
  }, 120_000);

  it("reports a quote that is never closed as a bad row and keeps the rows before it", async () => {
    const done = await importCsv('name,email\nBefore Quote,before.quote@example.com\n"Open Quote,open.quote@example.com\nAfter Quote,after.quote@example.com\n');
    expect(done).toMatchObject({ status: "completed", created: 1, failed: 1 });
    expect(done.errors).toEqual([{ row: 3, field: "row", message: expect.stringContaining("never closed") }]);
    expect(await customerByEmail("before.quote@example.com")).toBeDefined();
    expect(await customerByEmail("after.quote@example.com")).toBeUndefined();
  }, 60_000);

  it("resumes a job that stopped mid-way after its last committed batch (a crash), importing each row once", async () => {
    const file = Buffer.from("name,email\nResume A,resume.a@example.com\nResume B,resume.b@example.com\nResume C,resume.c@example.com\n");
    const [row] = await db()
      .insert(tables.imports)
      .values({ kind: "customers", status: "running", file, total: 3, processed: 1, created: 1, createdBy: adminId })
      .returning({ id: tables.imports.id });
    await runImport(t.container.deps, { importId: row.id, actor: { actorType: "user", actorId: adminId, actorName: "Admin" } });
    const done = await finished(row.id);
    expect(done).toMatchObject({ status: "completed", processed: 3, created: 3, failed: 0 });
    expect(await customerByEmail("resume.a@example.com")).toBeUndefined();
    expect(await customerByEmail("resume.b@example.com")).toBeDefined();
    expect(await customerByEmail("resume.c@example.com")).toBeDefined();
    // A second run of a finished import does nothing.
    await runImport(t.container.deps, { importId: row.id, actor: { actorType: "user", actorId: adminId, actorName: "Admin" } });
    expect(await finished(row.id)).toEqual(done);
  }, 60_000);

  it("refuses a company file without a name column, and a file past 50 MB with PAYLOAD_TOO_LARGE", async () => {
    const noName = await upload("domain\nacme.com\n", { kind: "companies" });
    expect(noName.status).toBe(400);
    expect(noName.body.error.message).toMatch(/lacks the column "name"/);
    const huge = await upload(Buffer.alloc(50 * 1024 * 1024 + 10, "a,b\n"));
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  }, 120_000);

  it("refuses other media types and an unknown kind", async () => {
    expect((await upload("name\nA\n", { contentType: "application/xml" })).status).toBe(415);
    const wrongKind = await upload("name\nA\n", { kind: "orders" });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.error).toMatchObject({ code: "VALIDATION_FAILED", fields: { kind: expect.stringContaining("customers or companies") } });
  });

  it("takes a multipart upload (the file field, kind companies) and matches companies by domain, then by name", async () => {
    await db().insert(tables.companies).values([{ name: "Globex", domain: "globex.example" }, { name: "Initech" }]);
    const csv = "name,domain,industry\nGlobex Corporation,GLOBEX.example,energy\ninitech,initech.example,software\nHooli,hooli.example,\nBroken,not a domain,\n";
    const res = await upload(csv, { multipart: true, kind: "companies", filename: "companies.csv" });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ kind: "companies", filename: "companies.csv" });
    const done = await finished(res.body.data.id);
    expect(done).toMatchObject({ status: "completed", created: 1, updated: 2, failed: 1, errors: [{ row: 5, field: "domain" }] });
    const rows = await db().select().from(tables.companies).where(inArray(tables.companies.domain, ["globex.example", "initech.example", "hooli.example"]));
    expect(rows.map((c) => [c.name, c.domain, c.attributes]).sort()).toEqual([
      ["Globex Corporation", "globex.example", { industry: "energy" }],
      ["Hooli", "hooli.example", {}],
      ["initech", "initech.example", { industry: "software" }],
    ]);
  }, 60_000);

  it("puts a new customer without a company cell in the company of its email's domain, as POST /customers does", async () => {
    const [hooli] = await db().select().from(tables.companies).where(eq(tables.companies.domain, "hooli.example"));
    await importCsv("name,email\nHooli Person,person@HOOLI.example\nFree Mail,someone@gmail.com\n");
    expect(await customerByEmail("person@hooli.example")).toMatchObject({ companyId: hooli.id });
    expect(await customerByEmail("someone@gmail.com")).toMatchObject({ companyId: null });
  }, 60_000);

  it("shows progress until completed, lists imports newest first, and answers IMPORT_NOT_FOUND for an unknown id", async () => {
    const res = await upload(customerCsv(2500, { domain: "progress.example", attributes: true }), { cookie: manager });
    expect(res.status).toBe(202);
    expect(res.body.data.total).toBe(2500);
    const seen = new Set<string>();
    let data: ImportDTO;
    do {
      data = (await api<{ data: ImportDTO }>(t.url, "GET", `/api/v1/imports/${res.body.data.id}`, { cookie: manager })).body.data;
      seen.add(data.status);
      // Progress moves a batch (1,000 rows) at a time.
      expect(data.processed % 1000 === 0 || data.processed === 2500).toBe(true);
    } while (data.status !== "completed" && data.status !== "failed");
    expect(data).toMatchObject({ status: "completed", processed: 2500, created: 2500, failed: 0, total: 2500 });
    const page = await api<{ data: ImportDTO[]; nextCursor: string | null }>(t.url, "GET", "/api/v1/imports?limit=1", { cookie: manager });
    expect(page.body.data[0].id).toBe(res.body.data.id);
    expect(page.body.nextCursor).not.toBeNull();
    const next = await api<{ data: ImportDTO[] }>(t.url, "GET", `/api/v1/imports?limit=1&cursor=${page.body.nextCursor}`, { cookie: manager });
    expect(next.body.data[0].id).not.toBe(res.body.data.id);
    expect(new Date(next.body.data[0].createdAt) <= new Date(page.body.data[0].createdAt)).toBe(true);
    expect(await api(t.url, "GET", `/api/v1/imports/${randomUUID()}`, { cookie: manager })).toMatchObject({ status: 404, body: { error: { code: "IMPORT_NOT_FOUND" } } });
  }, 120_000);

  it("lets managers and keys with customers:write import; agents and keys without the scope get 403", async () => {
    expect((await upload("name\nAgent Row\n", { cookie: agent })).status).toBe(403);
    expect((await api(t.url, "GET", "/api/v1/imports", { cookie: agent })).status).toBe(403);
    const key = async (scopes: string[]) =>
      (await api<{ data: { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: `import ${scopes}`, scopes } })).body.data.token;
    const reader = await upload("name,email\nKey Row,key.row@example.com\n", { authorization: `Bearer ${await key(["customers:read"])}` });
    expect(reader.status).toBe(403);
    const writer = await upload("name,email\nKey Row,key.row@example.com\n", { authorization: `Bearer ${await key(["customers:write"])}` });
    expect(writer.status).toBe(202);
    expect(await finished(writer.body.data.id)).toMatchObject({ created: 1 });
    expect(await customerByEmail("key.row@example.com")).toBeDefined();
  }, 60_000);

  describe("GET /customers/export.csv", () => {
    const exportCsv = async (query: string, cookie = admin) => {
      const res = await fetch(`${t.url}/api/v1/customers/export.csv${query}`, { headers: { cookie } });
      return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
    };

    it("streams every matching live customer, with one column per custom attribute and formula-safe cells", async () => {
      await importCsv("name,email,phone,tags,plan\n=HYPERLINK(\"http://evil\"),formula@example.com,+1 650 555 0100,export-test,pro\nPlain Person,plain@example.com,,export-test;other,\n");
      const { status, type, text } = await exportCsv("?tag=export-test");
      expect(status).toBe(200);
      expect(type).toMatch(/^text\/csv/);
      const lines = text.trimEnd().split("\r\n");
      expect(lines[0]).toBe("id,name,email,phone,company,tags,tier,segment,createdAt,plan,renewal,seats");
      expect(lines).toHaveLength(3);
      const formula = lines.find((l) => l.includes("formula@example.com"))!;
      expect(formula).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(formula).toContain(",'+1 650 555 0100,");
      expect(formula).toMatch(/,export-test,standard,,\d{4}-\d\d-\d\dT[^,]+,pro,,$/);
      expect(lines.find((l) => l.includes("plain@example.com"))).toContain(",export-test;other,");

      // The export imports back unchanged: its guards come off and its id, segment and createdAt columns are read past.
      const before = await customerByEmail("formula@example.com");
      const back = await importCsv(text);
      expect(back).toMatchObject({ status: "completed", created: 0, updated: 2, failed: 0 });
      expect(await customerByEmail("formula@example.com")).toMatchObject({ name: before.name, phone: "+1 650 555 0100", tags: ["export-test"], updatedAt: before.updatedAt });
    }, 60_000);

    it("pages through more than one chunk and applies the company and segment filters", async () => {
      await importCsv(customerCsv(1500, { domain: "export-pages.example", seed: 7, start: 10_000 }));
      const all = await exportCsv("");
      const emails = all.text.split("\r\n").filter((l) => l.includes("@export-pages.example"));
      expect(emails).toHaveLength(1500);
      expect(new Set(emails).size).toBe(1500);
      const live = (await db().select({ n: sql<number>`count(*)::int` }).from(tables.customers).where(and(sql`merged_into_id is null`, sql`erased_at is null`)))[0].n;
      expect(all.text.trimEnd().split("\r\n")).toHaveLength(live + 1);

      const [company] = await db().insert(tables.companies).values({ name: "Export Filter Co" }).returning();
      const target = await customerByEmail("plain@example.com");
      await db().update(tables.customers).set({ companyId: company.id, segment: "champions" }).where(eq(tables.customers.id, target.id));
      const byCompany = (await exportCsv(`?companyId=${company.id}`)).text.trimEnd().split("\r\n");
      expect(byCompany).toHaveLength(2);
      expect(byCompany[1]).toContain(`${target.id},Plain Person,plain@example.com,,Export Filter Co,`);
      const bySegment = (await exportCsv("?segment=champions")).text.trimEnd().split("\r\n");
      expect(bySegment.slice(1).map((l) => l.split(",")[0])).toEqual([target.id]);
      expect((await exportCsv("?q=plain@example")).text).toContain("plain@example.com");
      expect(await exportCsv("?companyId=nope")).toMatchObject({ status: 400 });
    }, 120_000);

    it("is for admins only: agents and managers get 403", async () => {
      for (const cookie of [agent, manager]) {
        const res = await exportCsv("", cookie);
        expect(res.status).toBe(403);
        expect(JSON.parse(res.text)).toMatchObject({ error: { code: "FORBIDDEN" } });
      }
    });
  });
});
