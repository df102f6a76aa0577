import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, tables, type DatabaseHandle } from "../../../src/db/index.ts";
import { createScratchDatabase, IN_CI, POSTGRES_SERVER, postgresAnswers } from "../../support/postgres.ts";

const hasServer = await postgresAnswers();
if (!hasServer && IN_CI) throw new Error(`CI needs a PostgreSQL server at ${POSTGRES_SERVER} for the store tests, and none answers.`);
if (!hasServer) process.stderr.write(`No PostgreSQL server at ${POSTGRES_SERVER}: the store tests run on PGlite only.\n`);

type Engine = { name: string; open(): Promise<DatabaseHandle>; cleanup(): Promise<void> };

const engines: Engine[] = [{ name: "PGlite", open: () => openDatabase({ memory: true }), cleanup: async () => undefined }];
if (hasServer) {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>> | undefined;
  engines.push({
    name: "PostgreSQL server",
    async open() {
      scratch = await createScratchDatabase();
      return openDatabase({ url: scratch.url });
    },
    cleanup: async () => scratch?.drop(),
  });
}

describe.each(engines)("the store on $name", (engine) => {
  let handle: DatabaseHandle;
  afterAll(async () => {
    await handle?.close();
    await engine.cleanup();
  });

  it("applies the migrations (twice, harmlessly) and creates every table", async () => {
    handle = await engine.open();
    await handle.migrate();
    await handle.migrate();
    await handle.ping();
    const result = await handle.db.execute<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' order by table_name" as never,
    );
    const names = (result as unknown as { rows: { table_name: string }[] }).rows.map((r) => r.table_name);
    expect(names).toEqual(
      expect.arrayContaining([
        "users",
        "inboxes",
        "customers",
        "customer_identities",
        "conversations",
        "messages",
        "tickets",
        "ticket_events",
        "kb_articles",
        "products",
        "orders",
      ]),
    );
  });

  it("keeps one identity per channel and external id, and one message per client message id in a conversation", async () => {
    const db = handle.db;
    await db.insert(tables.inboxes).values({ id: "web1", name: "Web", channel: "web" });
    const [customer] = await db.insert(tables.customers).values({ name: "Ada" }).returning();
    await db.insert(tables.customerIdentities).values({ customerId: customer.id, channel: "web", externalId: "v1" });
    await expect(db.insert(tables.customerIdentities).values({ customerId: customer.id, channel: "web", externalId: "v1" })).rejects.toThrow();
    const [conversation] = await db.insert(tables.conversations).values({ inboxId: "web1", customerId: customer.id, channel: "web", externalId: "web1:v1" }).returning();
    const annotation = { version: 1, intent: { name: "greeting", confidence: 0.9, alternatives: [] } };
    await db.insert(tables.messages).values({ conversationId: conversation.id, clientMsgId: "c1", senderType: "customer", text: "hi", annotation: annotation as never });
    await expect(
      db.insert(tables.messages).values({ conversationId: conversation.id, clientMsgId: "c1", senderType: "customer", text: "hi again" }),
    ).rejects.toThrow();
    const [stored] = await db.select().from(tables.messages).where(eq(tables.messages.conversationId, conversation.id));
    expect(stored.annotation).toEqual(annotation);
  });

  it("rolls a failed transaction back completely", async () => {
    const db = handle.db;
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(tables.products).values({ sku: "ROLLBACK-1", name: "Half-written", priceCents: 100 });
        await tx.insert(tables.products).values({ sku: "ROLLBACK-1", name: "Duplicate", priceCents: 100 });
      }),
    ).rejects.toThrow();
    expect(await db.select().from(tables.products).where(eq(tables.products.sku, "ROLLBACK-1"))).toEqual([]);
  });

  it("housekeeping vacuums the conversations the message path rewrites on PGlite, and leaves it to a server's autovacuum", async () => {
    const db = handle.db;
    const vacuums = async () => {
      const result = (await db.execute(sql`select vacuum_count::int as n from pg_stat_user_tables where relname = 'conversations'`)) as unknown as { rows: { n: number }[] };
      return result.rows[0].n;
    };
    const [conversation] = await db.select().from(tables.conversations).limit(1);
    for (let i = 0; i < 50; i++) await db.update(tables.conversations).set({ lastMessageAt: new Date(Date.now() + i) }).where(eq(tables.conversations.id, conversation.id));
    const before = await vacuums();
    await handle.housekeep();
    // A server's autovacuum may run meanwhile; PGlite has none, so there the count is housekeeping's alone.
    if (handle.kind === "pglite") expect(await vacuums()).toBe(before + 1);
    else expect(await vacuums()).toBeGreaterThanOrEqual(before);
    expect((await db.select().from(tables.conversations).where(eq(tables.conversations.id, conversation.id))).length).toBe(1);
  });

  it("housekeeping empties the GIN indexes' pending lists on PGlite, where nothing else would", async () => {
    const db = handle.db;
    const pendingPages = async () => {
      const result = (await db.execute(sql`select coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::int as pages from pg_index i
        join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam where a.amname = 'gin'`)) as unknown as { rows: { pages: number }[] };
      return result.rows[0].pages;
    };
    const rows = Array.from({ length: 300 }, (_, i) => ({ name: `Pending Person${i} Longname${i}`, email: `pending${i}@example.org`, phone: `+4420794600${i}`, tags: [`t${i}`] }));
    await db.insert(tables.customers).values(rows);
    await handle.housekeep();
    const found = await db.select().from(tables.customers).where(sql`${tables.customers.email} like 'pending%@example.org'`);
    expect(found).toHaveLength(300);
    // A server leaves its pending lists to autovacuum; on PGlite nothing is left for a second flush.
    if (handle.kind === "pglite") {
      expect(await pendingPages()).toBe(0);
      // (and there would be, without housekeeping)
      await db.insert(tables.customers).values(rows.map((r) => ({ ...r, email: `again.${r.email}` })));
      expect(await pendingPages()).toBeGreaterThan(0);
    }
  });
});
