/** The demo data makes the CRM look real on first start: hundreds of customers, companies, tags, attributes, notes, orders and past conversations. */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../../src/db/seed/seed.ts";
import { hashPassword } from "../../../src/modules/agents/passwords.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { answeredMessages } from "../../support/stored-answers.ts";
import { testEngines } from "../../support/engines.ts";

type Counts = Record<string, number>;

describe.each(testEngines())("the demo CRM on $name", (engine) => {
  let t: TestApp;
  const count = async (): Promise<Counts> => {
    const result = (await t.container.database.db.execute(sql`select
      (select count(*)::int from customers where merged_into_id is null and erased_at is null) as customers,
      (select count(*)::int from customers where company_id is not null) as "companyCustomers",
      (select count(*)::int from companies where domain is not null) as companies,
      (select count(distinct tag)::int from customers, unnest(tags) as tag) as tags,
      (select count(*)::int from customers where attributes ? 'plan') as "withPlan",
      (select count(*)::int from attribute_definitions) as "attributeDefinitions",
      (select count(*)::int from customer_notes n join users u on u.id = n.author_id) as notes,
      (select count(*)::int from orders) as orders,
      (select count(*)::int from conversations) as conversations,
      (select count(*)::int from messages) as messages,
      (select count(*)::int from tickets) as tickets,
      (select count(*)::int from csat_responses where score is not null) as "csatAnswers",
      (select count(distinct score)::int from csat_responses) as "csatScores"`)) as unknown as { rows: Counts[] };
    return result.rows[0];
  };

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open(), demoCrm: true });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("a demo start has at least 200 customers, 15–25 companies with domains, tags, custom attributes, agents' notes, a year of orders and past conversations", async () => {
    const counts = await count();
    expect(counts.customers).toBeGreaterThanOrEqual(200);
    expect(counts.companies).toBeGreaterThanOrEqual(15);
    expect(counts.companies).toBeLessThanOrEqual(25);
    expect(counts.companyCustomers).toBeGreaterThan(50);
    expect(counts.tags).toBe(5);
    expect(counts.withPlan).toBeGreaterThan(100);
    expect(counts.attributeDefinitions).toBeGreaterThanOrEqual(4);
    expect(counts.notes).toBeGreaterThan(20);
    expect(counts.orders).toBeGreaterThan(100);
    expect(counts.conversations).toBeGreaterThan(20);
    expect(counts.messages).toBeGreaterThan(counts.conversations);
    expect(counts.tickets).toBeGreaterThan(0);
    // CSAT answers for most resolved conversations, low and high, so the CSAT report has something to compare.
    expect(counts.csatAnswers).toBeGreaterThan(counts.conversations / 2);
    expect(counts.csatScores).toBeGreaterThanOrEqual(3);

    // The named demo customers stay as they were: the bot's order dialogs and many tests use them.
    const jordan = (await t.container.database.db.execute(
      sql`select name, phone, tier, company_id, tags from customers where email = 'jordan.lee@example.com'`,
    )) as unknown as { rows: Record<string, unknown>[] };
    expect(jordan.rows).toEqual([{ name: "Jordan Lee", phone: "+14155550101", tier: "vip", company_id: null, tags: [] }]);
  });

  it("the console's pages have content: customers by tag, the companies, a profile with orders and conversations, a timeline with an agent's note", async () => {
    const cookie = await t.login();
    const get = async <T>(path: string): Promise<T> => {
      const res = await fetch(`${t.url}/api/v1${path}`, { headers: { cookie } });
      expect(res.status, path).toBe(200);
      return ((await res.json()) as { data: T }).data;
    };
    const vips = await get<{ tags: string[] }[]>("/customers?tag=vip&limit=50");
    expect(vips.length).toBeGreaterThan(5);
    for (const c of vips) expect(c.tags).toContain("vip");
    const companies = await get<{ domain: string | null; customerCount: number }[]>("/companies?limit=50");
    expect(companies.length).toBeGreaterThanOrEqual(15);
    expect(companies.filter((c) => c.domain && c.customerCount > 0).length).toBeGreaterThanOrEqual(10);

    const db = t.container.database.db;
    const pick = async (query: ReturnType<typeof sql>): Promise<string> => ((await db.execute(query)) as unknown as { rows: { id: string }[] }).rows[0].id;
    const talker = await pick(sql`select c.customer_id as id from conversations c join orders o on o.customer_id = c.customer_id where c.channel = 'web' limit 1`);
    const profile = await get<{ figures: { orders: number; conversations: number }; recentConversations: unknown[] }>(`/customers/${talker}`);
    expect(profile.figures.orders).toBeGreaterThan(0);
    expect(profile.figures.conversations).toBeGreaterThan(0);
    const noted = await pick(sql`select customer_id as id from customer_notes where author_type = 'user' limit 1`);
    const timeline = await get<{ kind: string; actor: { name: string | null } | null }[]>(`/customers/${noted}/timeline`);
    expect(timeline.some((item) => item.kind === "note" && /Agent|Support|Manager/.test(item.actor?.name ?? ""))).toBe(true);

    // The CSAT report over the demo's year: answers, a correlation with the NLP's sentiment, and a few that disagree.
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString();
    const csat = await get<{ overall: { responses: number; meanScore: number | null }; sentiment: { conversations: number; pearson: number | null } }>(
      `/reports/csat?from=${from}&to=${new Date().toISOString()}&interval=month&groupBy=channel`,
    );
    expect(csat.overall.responses).toBeGreaterThan(10);
    expect(csat.sentiment.pearson).toBeGreaterThan(0.3);
  });

  it("in the past conversations the bot answered every customer message exactly once, as a live server does (the crash test and the kills and soak benchmarks check all stored messages)", async () => {
    const stored = await answeredMessages(t.container.database.db);
    expect(stored.length).toBeGreaterThan(20);
    expect(stored.filter((m) => m.replies.length !== 1 || m.replies[0].key !== `bot:${m.id}:0`)).toEqual([]);
  });

  it("loading the demo data again (a restart in demo mode) adds nothing", async () => {
    const before = await count();
    const again = await seedDemoData(t.container.database.db, { hashPassword, agentPassword: "another-password-1" });
    expect(again.crm.customers).toBe(0);
    expect(await count()).toEqual(before);
  });
});
