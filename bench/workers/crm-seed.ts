/**
 * Child process that fills a fresh database for the `crm` benchmark before the server starts: migrations, the demo
 * data, the first admin, then companies, customers (with email identities), orders, conversations and messages,
 * tickets and their events, notes, in multi-row statements (JSON record sets and generate_series). One customer gets
 * 1,000 messages over ten conversations, tickets, orders, notes and profile changes: the profile and timeline target.
 * It answers with the counts, that customer's id, the search queries (built from the data, so each has a known
 * target) and the path of the import CSV.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/index.ts";
import { isEmpty, seedDemoData } from "../../src/db/seed/seed.ts";
import { ensureFirstAdmin } from "../../src/modules/agents/index.ts";
import { hashPassword } from "../../src/modules/agents/passwords.ts";
import { CUSTOMER_MESSAGES } from "../data/messages.ts";
import { buildCrmData, customerUuid, type CrmData } from "../lib/crm-data.ts";
import { importCsv, searchQueries } from "../lib/crm-queries.ts";

/** What the parent asks for. */
type SeedCommand = {
  type: "seed";
  dataDir: string;
  databaseUrl?: string;
  adminEmail: string;
  adminPassword: string;
  agentPassword: string;
  customers: number;
  messages: number;
  queriesPerKind: number;
  importRows: number;
  /** Where to write the import CSV. */
  importCsvPath: string;
};

const BOT_REPLY = "Thanks for your message! An agent will look at your order and get back to you shortly.";
/** Messages per conversation outside the heavy customer's. */
const PER_CONVERSATION = 10;
/** The heavy customer: ten conversations of 100 messages. */
const HEAVY = { conversations: 10, perConversation: 100 } as const;
const CHUNK = 5000;

/** An id formula in SQL matching customerUuid/companyUuid (bench/lib/crm-data.ts): the prefix and the number in hex. */
const uuidSql = (prefix: string, expression: string): SQL => sql.raw(`('${prefix}-0000-4000-8000-' || lpad(to_hex(${expression}), 12, '0'))::uuid`);

/** An integer of ours written into the statement (a bare parameter has no type PostgreSQL can infer in these expressions). */
const int = (value: number): SQL => sql.raw(String(Math.trunc(value)));

async function exec(db: Database, statement: SQL): Promise<void> {
  try {
    await db.execute(statement);
  } catch (error) {
    // Drizzle's message repeats every parameter (megabytes of JSON here): keep the statement's start and the database's reason.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    const text = error instanceof Error ? error.message.slice(0, 300) : "";
    throw new Error(`${cause}\n${text}`, { cause: error });
  }
}

async function insertRecordSets(db: Database, data: CrmData, log: (line: string) => void): Promise<void> {
  for (let at = 0; at < data.companies.length; at += CHUNK) {
    const rows = data.companies.slice(at, at + CHUNK).map((c) => ({ id: c.id, name: c.name, domain: c.domain, attributes: c.attributes }));
    await exec(db, sql`insert into companies (id, name, domain, attributes)
      select id, name, domain, attributes from json_to_recordset(${JSON.stringify(rows)}::json) as x(id uuid, name text, domain text, attributes jsonb)`);
  }
  for (let at = 0; at < data.customers.length; at += CHUNK) {
    const rows = data.customers.slice(at, at + CHUNK).map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      tier: c.tier,
      company_id: c.companyId,
      tags: c.tags,
      attributes: c.attributes,
      created_at: c.createdAt.toISOString(),
    }));
    // Each customer's email is also its identity on the email channel, as the NLP and imports attach them.
    await exec(db, sql`with c as (
        insert into customers (id, name, email, phone, tier, company_id, tags, attributes, created_at, updated_at)
        select id, name, email, phone, tier, company_id, tags, attributes, created_at, created_at
        from json_to_recordset(${JSON.stringify(rows)}::json)
          as x(id uuid, name text, email text, phone text, tier text, company_id uuid, tags text[], attributes jsonb, created_at timestamptz)
        returning id, email, created_at)
      insert into customer_identities (customer_id, channel, external_id, created_at) select id, 'email', email, created_at from c where email is not null`);
    if ((at / CHUNK) % 4 === 3) log(`${at + rows.length} customers`);
  }
  for (let at = 0; at < data.orders.length; at += CHUNK) {
    const rows = data.orders.slice(at, at + CHUNK);
    await exec(db, sql`insert into orders (number, customer_id, status, items, total_cents, carrier, tracking_number, estimated_delivery, created_at, updated_at)
      select number, customer_id, status, items, total_cents, carrier, tracking_number, (created_at + interval '4 days')::date, created_at, created_at
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as x(number text, customer_id uuid, status text, items jsonb, total_cents int, carrier text, tracking_number text, created_at timestamptz)`);
  }
}

/**
 * Conversations [from, to) of the bulk (customer k → one of the others), with their messages and, for every tenth,
 * a ticket (open for every twentieth) with three events. Activity: conversation k ended k × 5 minutes ago.
 */
async function insertConversations(db: Database, options: { from: number; to: number; customers: number; texts: string; agentId: string }): Promise<void> {
  const { from, to, customers, texts } = options;
  const conversation = uuidSql("d0000000", "k");
  const customer = uuidSql("b0000000", `1 + (k * 7919) % ${Math.max(1, customers - 1)}`);
  const ticket = uuidSql("e0000000", "k");
  const endedAt = "(now() - k * interval '5 minutes')";
  await exec(db, sql`insert into conversations (id, inbox_id, customer_id, channel, status, subject, sentiment, last_message, last_message_at, created_at, updated_at)
    select ${conversation}, 'demo', ${customer}, 'web', case when k % 20 = 0 then 'handoff' else 'resolved' end, left(t.text, 80),
      jsonb_build_object('start', coalesce((t.annotation->'sentiment'->>'score')::real, 0), 'end', 0, 'min', least(0, coalesce((t.annotation->'sentiment'->>'score')::real, 0)), 'count', ${int(PER_CONVERSATION / 2)}),
      jsonb_build_object('text', ${BOT_REPLY}::text, 'sender', jsonb_build_object('type', 'bot'), 'createdAt', to_char(${sql.raw(endedAt)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      ${sql.raw(endedAt)}, ${sql.raw(endedAt)} - ${int(PER_CONVERSATION)} * interval '20 seconds', ${sql.raw(endedAt)}
    from generate_series(${int(from)}, ${int(to - 1)}) k
      join json_to_recordset(${texts}::json) as t(i int, text text, annotation jsonb) on t.i = k % ${int(CUSTOMER_MESSAGES.length)}`);
  // Oldest first, so seq grows with time as it does on a live server.
  await exec(db, sql`insert into messages (conversation_id, sender_type, sender_name, text, annotation, created_at)
    select ${conversation}, case when m % 2 = 0 then 'customer' else 'bot' end,
      case when m % 2 = 0 then 'Customer' else 'Switchboard Bot' end,
      case when m % 2 = 0 then t.text else ${BOT_REPLY}::text end,
      case when m % 2 = 0 then t.annotation end,
      ${sql.raw(endedAt)} - (${int(PER_CONVERSATION - 1)} - m) * interval '20 seconds'
    from generate_series(${int(from)}, ${int(to - 1)}) k cross join generate_series(0, ${int(PER_CONVERSATION - 1)}) m
      join json_to_recordset(${texts}::json) as t(i int, text text, annotation jsonb) on t.i = (k * 7 + m) % ${int(CUSTOMER_MESSAGES.length)}
    order by k desc, m`);
  await exec(db, sql`insert into tickets (id, conversation_id, customer_id, subject, status, priority, reason, assignee_id, first_response_at, resolved_at, created_at, updated_at)
    select ${ticket}, ${conversation}, ${customer}, 'Conversation ' || k, case when k % 20 = 0 then 'open' else 'resolved' end,
      (array['low', 'normal', 'high', 'urgent'])[1 + k % 4], 'customer_request', ${options.agentId}::uuid,
      ${sql.raw(endedAt)} - interval '60 seconds', case when k % 20 = 0 then null else ${sql.raw(endedAt)} end,
      ${sql.raw(endedAt)} - interval '100 seconds', ${sql.raw(endedAt)}
    from generate_series(${int(from)}, ${int(to - 1)}) k where k % 10 = 0`);
  await exec(db, sql`insert into ticket_events (ticket_id, type, actor_type, actor_id, data, created_at)
    select ${ticket}, (array['created', 'assigned', 'status_changed'])[e + 1], (array['bot', 'system', 'agent'])[e + 1],
      case when e = 2 then ${options.agentId}::uuid end,
      case e when 0 then '{"reason":"customer_request"}'::jsonb when 1 then jsonb_build_object('assigneeId', ${options.agentId}::text) else '{"from":"open","to":"pending"}'::jsonb end,
      ${sql.raw(endedAt)} - (2 - e) * interval '40 seconds'
    from generate_series(${int(from)}, ${int(to - 1)}) k cross join generate_series(0, 2) e where k % 10 = 0 order by k desc, e`);
}

/** The heavy customer (index 0): ten conversations of 100 messages a month apart, a ticket on five of them with four events each, thirty notes and fifty profile changes. */
async function insertHeavyCustomer(db: Database, options: { texts: string; agentId: string; agentName: string }): Promise<void> {
  const customer = customerUuid(0);
  const conversation = uuidSql("d1000000", "j");
  const endedAt = "(now() - j * interval '30 days' - interval '1 hour')";
  await exec(db, sql`insert into conversations (id, inbox_id, customer_id, channel, status, subject, sentiment, last_message, last_message_at, created_at, updated_at)
    select ${conversation}, 'demo', ${customer}::uuid, 'web', case when j = 0 then 'handoff' else 'resolved' end, left(t.text, 80),
      jsonb_build_object('start', -2, 'end', 1, 'min', -3, 'count', ${int(HEAVY.perConversation / 2)}),
      jsonb_build_object('text', ${BOT_REPLY}::text, 'sender', jsonb_build_object('type', 'bot'), 'createdAt', to_char(${sql.raw(endedAt)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      ${sql.raw(endedAt)}, ${sql.raw(endedAt)} - ${int(HEAVY.perConversation)} * interval '20 seconds', ${sql.raw(endedAt)}
    from generate_series(0, ${int(HEAVY.conversations - 1)}) j join json_to_recordset(${options.texts}::json) as t(i int, text text, annotation jsonb) on t.i = j`);
  await exec(db, sql`insert into messages (conversation_id, sender_type, sender_name, text, annotation, created_at)
    select ${conversation}, case when m % 2 = 0 then 'customer' else 'bot' end, case when m % 2 = 0 then 'Customer' else 'Switchboard Bot' end,
      case when m % 2 = 0 then t.text else ${BOT_REPLY}::text end, case when m % 2 = 0 then t.annotation end,
      ${sql.raw(endedAt)} - (${int(HEAVY.perConversation - 1)} - m) * interval '20 seconds'
    from generate_series(0, ${int(HEAVY.conversations - 1)}) j cross join generate_series(0, ${int(HEAVY.perConversation - 1)}) m
      join json_to_recordset(${options.texts}::json) as t(i int, text text, annotation jsonb) on t.i = (j * 11 + m) % ${int(CUSTOMER_MESSAGES.length)}
    order by j desc, m`);
  const ticket = uuidSql("e1000000", "j");
  await exec(db, sql`insert into tickets (id, conversation_id, customer_id, subject, status, priority, reason, assignee_id, first_response_at, resolved_at, created_at, updated_at)
    select ${ticket}, ${conversation}, ${customer}::uuid, 'Heavy customer issue ' || j, case when j = 0 then 'open' else 'resolved' end, 'high', 'negative_sentiment',
      ${options.agentId}::uuid, ${sql.raw(endedAt)} - interval '10 minutes', case when j = 0 then null else ${sql.raw(endedAt)} end, ${sql.raw(endedAt)} - interval '20 minutes', ${sql.raw(endedAt)}
    from generate_series(0, ${int(HEAVY.conversations - 1)}) j where j % 2 = 0`);
  await exec(db, sql`insert into ticket_events (ticket_id, type, actor_type, actor_id, data, created_at)
    select ${ticket}, (array['created', 'assigned', 'priority_changed', 'status_changed'])[e + 1], (array['bot', 'system', 'agent', 'agent'])[e + 1],
      case when e >= 2 then ${options.agentId}::uuid end, '{}'::jsonb, ${sql.raw(endedAt)} - (4 - e) * interval '4 minutes'
    from generate_series(0, ${int(HEAVY.conversations - 1)}) j cross join generate_series(0, 3) e where j % 2 = 0 order by j desc, e`);
  await exec(db, sql`insert into customer_notes (customer_id, author_type, author_id, author_name, text, created_at, updated_at)
    select ${customer}::uuid, 'user', ${options.agentId}::uuid, ${options.agentName}, 'Follow-up ' || n || ': called about the open issue; promised an update by Friday.',
      now() - n * interval '9 days', now() - n * interval '9 days'
    from generate_series(1, 30) n`);
  await exec(db, sql`insert into customer_events (customer_id, type, actor_type, actor_id, actor_name, data, created_at)
    select ${customer}::uuid, 'customer.updated', 'user', ${options.agentId}::uuid, ${options.agentName},
      jsonb_build_object('changes', jsonb_build_object('tags', jsonb_build_object('from', '[]'::jsonb, 'to', '["vip"]'::jsonb))), now() - n * interval '6 days'
    from generate_series(1, 50) n`);
  await exec(db, sql`insert into conversation_orders (conversation_id, order_id, created_at)
    select ${conversation}, o.id, o.created_at from (select id, created_at, row_number() over (order by created_at) - 1 as j from orders where customer_id = ${customer}::uuid) o
    where o.j < ${int(HEAVY.conversations)}`);
}

async function seed(command: SeedCommand, log: (line: string) => void): Promise<Record<string, unknown>> {
  const started = performance.now();
  const database = await openDatabase(command.databaseUrl ? { url: command.databaseUrl } : { pgliteDir: command.dataDir });
  await database.migrate();
  const db = database.db;
  // The demo shop without the demo CRM: its 220 generated customers could share an email with the bench's.
  if (await isEmpty(db)) await seedDemoData(db, { agentPassword: command.agentPassword, hashPassword, crm: false });
  await ensureFirstAdmin({ db }, { email: command.adminEmail, password: command.adminPassword });
  const { rows: agents } = (await db.execute(sql`select id, name from users where email = 'alex@switchboard.local'`)) as unknown as { rows: { id: string; name: string }[] };
  const agent = agents[0];

  const { rows: products } = (await db.execute(sql`select id, sku, name, price_cents as "priceCents" from products order by sku`)) as unknown as {
    rows: { id: string; sku: string; name: string; priceCents: number }[];
  };
  const data = buildCrmData({ customers: command.customers, now: new Date(), products });
  const analyzer = await (await import("../../src/nlp/index.ts")).createAnalyzer();
  // Tokens are most of an annotation's size and nothing in the CRM reads them: leaving them out keeps 1,000,000 rows small.
  const texts = JSON.stringify(CUSTOMER_MESSAGES.map((text, i) => ({ i, text, annotation: { ...analyzer.analyze(text), tokens: [] } })));
  const generatedMs = performance.now() - started;

  await insertRecordSets(db, data, log);
  const heavyMessages = Math.min(command.messages, HEAVY.conversations * HEAVY.perConversation);
  await insertHeavyCustomer(db, { texts, agentId: agent.id, agentName: agent.name });
  const conversations = Math.ceil(Math.max(0, command.messages - heavyMessages) / PER_CONVERSATION);
  const step = 10_000;
  // The bulk has no agent messages, so the per-row trigger that looks up each customer message's agent would find
  // none: it is left out while the bulk goes in. The rollups catch up per chunk, and PGlite (no autovacuum) needs
  // fresh statistics after each, or their queries plan for empty tables and scan the growing ones.
  await exec(db, sql`alter table messages disable trigger messages_stamp_agent`);
  for (let to = conversations; to > 0; to -= step) {
    await insertConversations(db, { from: Math.max(0, to - step), to, customers: command.customers, texts, agentId: agent.id });
    await exec(db, sql`select report_catch_up()`);
    await exec(db, sql`analyze messages, conversations, report_conversations, report_sentiment_hourly`);
    log(`${(conversations - Math.max(0, to - step)) * PER_CONVERSATION + heavyMessages} messages`);
  }
  await exec(db, sql`alter table messages enable trigger messages_stamp_agent`);
  const customer = uuidSql("b0000000", `(g * 7919) % ${command.customers}`);
  await exec(db, sql`insert into customer_notes (customer_id, author_type, author_id, author_name, text, created_at, updated_at)
    select ${customer}, 'user', ${agent.id}::uuid, ${agent.name}, 'Note ' || g || ': prefers email; asked about volume pricing.', now() - (g % 365) * interval '1 day', now() - (g % 365) * interval '1 day'
    from generate_series(1, ${int(Math.round(command.customers / 5))}) g`);
  const insertedMs = performance.now() - started;
  await exec(db, sql`analyze`);
  const counts = (await db.execute(sql`select (select count(*)::int from customers) as customers, (select count(*)::int from companies) as companies,
    (select count(*)::int from orders) as orders, (select count(*)::int from conversations) as conversations, (select count(*)::int from messages) as messages,
    (select count(*)::int from tickets) as tickets, (select count(*)::int from ticket_events) as "ticketEvents", (select count(*)::int from customer_notes) as notes,
    (select count(*)::int from messages m join conversations c on c.id = m.conversation_id where c.customer_id = ${customerUuid(0)}::uuid) as "heavyCustomerMessages"`)) as unknown as {
    rows: Record<string, number>[];
  };
  await database.close();
  writeFileSync(command.importCsvPath, importCsv(data, command.importRows));
  return {
    counts: counts.rows[0],
    heavyCustomerId: customerUuid(0),
    randomCustomerIds: Array.from({ length: 200 }, (_, i) => customerUuid(1 + ((i * 4999) % Math.max(1, command.customers - 1)))),
    queries: searchQueries(data, command.queriesPerKind),
    timings: { generateMs: Math.round(generatedMs), insertMs: Math.round(insertedMs - generatedMs), analyzeMs: Math.round(performance.now() - started - insertedMs) },
  };
}

process.on("message", (raw: unknown) => {
  const command = raw as SeedCommand;
  if (command.type !== "seed") return;
  const log = (line: string): void => void process.send?.({ type: "progress", line });
  seed({ ...command, dataDir: path.resolve(command.dataDir) }, log).then(
    (result) => process.send?.({ type: "seeded", ...result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
});
process.send?.({ type: "ready" });
