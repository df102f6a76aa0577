/** Child process that fills a PGlite DATA_DIR before the server starts: migrations, the demo data, the first admin, then conversations and messages inserted in bulk with SQL. */
import { randomUUID } from "node:crypto";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/index.ts";
import { isEmpty, seedDemoData } from "../../src/db/seed/seed.ts";
import { ensureFirstAdmin } from "../../src/modules/agents/index.ts";
import { hashPassword } from "../../src/modules/agents/passwords.ts";
import { hashToken } from "../../src/modules/visitors/index.ts";
import { CUSTOMER_MESSAGES } from "../data/messages.ts";

/** What to insert. */
type SeedCommand = {
  type: "seed";
  dataDir: string;
  /** A PostgreSQL URL instead of PGlite in dataDir. */
  databaseUrl?: string;
  adminEmail: string;
  adminPassword: string;
  /** Visitor ids to create a visitor (the id is its token) and a web conversation for; or a count of generated ones. */
  visitorIds?: string[];
  conversations?: number;
  /** Messages in total, spread evenly over the conversations (customer and bot turns alternating). */
  messages: number;
  status?: "bot" | "handoff" | "mixed";
  /** Run ANALYZE afterwards (PGlite has no autovacuum, so a server's tables never get planner statistics by themselves). */
  analyze?: boolean;
};

const BOT_REPLY = "Thanks for your message! You can return any unused item within 30 days of delivery for a full refund.";

async function seed(command: SeedCommand): Promise<Record<string, unknown>> {
  const started = performance.now();
  // The same directory layout the server uses (DATA_DIR/pgdata).
  const database = await openDatabase(command.databaseUrl ? { url: command.databaseUrl } : { pgliteDir: command.dataDir });
  await database.migrate();
  const db = database.db;
  // A data dir the server already started on keeps its demo data; only the bulk rows are added.
  // Without the demo CRM: its past conversations would count in the reports and lists these benchmarks measure.
  if (await isEmpty(db)) await seedDemoData(db, { agentPassword: "bench-agent-password", hashPassword, crm: false });
  await ensureFirstAdmin({ db }, { email: command.adminEmail, password: command.adminPassword });
  const afterDemo = performance.now();

  const visitorIds = command.visitorIds ?? Array.from({ length: command.conversations ?? 0 }, (_, i) => `bench-visitor-${i}`);
  const conversations = visitorIds.map((visitorId, i) => ({
    i,
    visitor: visitorId,
    visitor_record: randomUUID(),
    token_hash: hashToken(visitorId),
    conversation_id: randomUUID(),
    customer_id: randomUUID(),
    status: command.status === "mixed" || !command.status ? (["bot", "handoff", "handoff", "resolved"] as const)[i % 4] : command.status,
  }));
  const perConversation = conversations.length ? Math.ceil(command.messages / conversations.length) : 0;
  // One analysis per distinct text is enough for realistic JSONB payloads (and none is needed without messages).
  const analyzer = perConversation > 0 ? await (await import("../../src/nlp/index.ts")).createAnalyzer() : undefined;
  const texts = CUSTOMER_MESSAGES.map((text, i) => ({ i, text, annotation: analyzer ? analyzer.analyze(text) : null }));

  // The rest is one transaction of set-based SQL (json_to_recordset + generate_series): seconds for 100,000 messages.
  await db.transaction(async (tx) => {
    await tx.execute(sql`create temp table bench_conv on commit drop as select * from json_to_recordset(${JSON.stringify(conversations)}::json)
      as x(i int, visitor text, visitor_record uuid, token_hash text, conversation_id uuid, customer_id uuid, status text)`);
    await tx.execute(sql`create temp table bench_text on commit drop as select * from json_to_recordset(${JSON.stringify(texts)}::json)
      as x(i int, text text, annotation jsonb)`);
    await tx.execute(sql`insert into customers (id, name, email, created_at, updated_at)
      select customer_id, 'Bench Customer ' || i, 'bench-' || i || '@example.test', now() - interval '30 days', now() - interval '30 days' from bench_conv`);
    // As the server issues them: the widget's id is the token (stored hashed); external ids name the visitor record.
    await tx.execute(sql`insert into visitors (id, inbox_id, token_hash) select visitor_record, 'demo', token_hash from bench_conv`);
    await tx.execute(sql`insert into customer_identities (customer_id, channel, external_id) select customer_id, 'web', visitor_record::text from bench_conv`);
    // Activity times: one conversation per minute back from now, messages 20 s apart inside it; JS-style millisecond precision.
    await tx.execute(sql`insert into conversations (id, inbox_id, customer_id, channel, external_id, status, subject, last_message, last_message_at, created_at, updated_at)
      select c.conversation_id, 'demo', c.customer_id, 'web', 'demo:' || c.visitor_record, c.status, left(t.text, 80),
        jsonb_build_object('text', ${BOT_REPLY}::text, 'sender', jsonb_build_object('type', 'bot'), 'createdAt', to_char(date_trunc('milliseconds', now() - (c.i * interval '1 minute')) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        date_trunc('milliseconds', now() - (c.i * interval '1 minute')),
        now() - (c.i * interval '1 minute') - ${perConversation} * interval '20 seconds',
        now() - (c.i * interval '1 minute')
      from bench_conv c join bench_text t on t.i = c.i % ${texts.length}`);
    if (perConversation > 0) {
      await tx.execute(sql`insert into messages (conversation_id, sender_type, sender_name, text, annotation, created_at)
        select c.conversation_id,
          case when m % 2 = 0 then 'customer' else 'bot' end,
          case when m % 2 = 0 then 'Bench Customer ' || c.i else 'Switchboard Bot' end,
          case when m % 2 = 0 then t.text else ${BOT_REPLY}::text end,
          case when m % 2 = 0 then t.annotation else null end,
          now() - (c.i * interval '1 minute') - (${perConversation} - 1 - m) * interval '20 seconds'
        from bench_conv c cross join generate_series(0, ${perConversation - 1}) m
          join bench_text t on t.i = (c.i * 7 + m) % ${texts.length}
        where c.i * ${perConversation} + m < ${command.messages}
        order by c.i desc, m`);
    }
  });
  // The report rollups count the new customer messages in one batch, as a running server's catch-up would.
  await db.execute(sql`select report_catch_up()`);
  if (command.analyze) await db.execute(sql`analyze`);
  const counted = (await db.execute(sql`select count(*)::int as n from messages`)) as unknown as { rows: { n: number }[] };
  const n = counted.rows[0].n;
  await database.close();
  return { messages: n, conversations: conversations.length, demoMs: afterDemo - started, totalMs: performance.now() - started, conversationIds: conversations.slice(0, command.visitorIds ? conversations.length : 2000).map((c) => c.conversation_id) };
}

process.on("message", (raw: unknown) => {
  const command = raw as SeedCommand;
  if (command.type !== "seed") return;
  seed({ ...command, dataDir: path.resolve(command.dataDir) }).then(
    (result) => {
      process.send?.({ type: "seeded", ...result }, () => process.exit(0));
    },
    (error: unknown) => {
      process.send?.({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1));
    },
  );
});
process.send?.({ type: "ready" });
