/**
 * Child process that fills a fresh database for the `reports` benchmark before the server starts: migrations, the demo
 * data, the first admin, then (set-based SQL over generate_series, in chunks so the rollup triggers run per chunk as
 * they would per message) a year of conversations in four channels and inboxes, ten messages each (customer turns with
 * annotations the NLP made from varied texts, bot and agent replies from 20 agents), hand-off tickets with first
 * responses, assignments, resolutions and some reopens.
 */
import { sql, type SQL } from "drizzle-orm";
import { openDatabase } from "../../src/db/index.ts";
import { isEmpty, seedDemoData } from "../../src/db/seed/seed.ts";
import { ensureFirstAdmin } from "../../src/modules/agents/index.ts";
import { hashPassword } from "../../src/modules/agents/passwords.ts";
import { createAnalyzer } from "../../src/nlp/index.ts";
import { CUSTOMER_MESSAGES } from "../data/messages.ts";
import { execSeed as exec, serveSeedCommand } from "../lib/seed-worker.ts";

/** What the parent asks for. */
export type ReportsSeedCommand = { type: "seed"; dataDir: string; databaseUrl?: string; adminEmail: string; adminPassword: string; agentPassword: string; messages: number };

const PER_CONVERSATION = 10;
const AGENTS = 20;
const CHUNK = 5_000;
const int = (value: number): SQL => sql.raw(String(Math.trunc(value)));
const uuidSql = (prefix: string, expression: string): SQL => sql.raw(`('${prefix}-0000-4000-8000-' || lpad(to_hex(${expression}), 12, '0'))::uuid`);
const agentId = (expression: string): SQL => uuidSql("e1000000", expression);

async function seed(command: ReportsSeedCommand, log: (line: string) => void): Promise<Record<string, unknown>> {
  const started = performance.now();
  const database = await openDatabase(command.databaseUrl ? { url: command.databaseUrl } : { pgliteDir: command.dataDir });
  await database.migrate();
  const db = database.db;
  if (await isEmpty(db)) await seedDemoData(db, { agentPassword: command.agentPassword, hashPassword, crm: false });
  await ensureFirstAdmin({ db }, { email: command.adminEmail, password: command.adminPassword });
  log(`migrated and demo data in ${Math.round(performance.now() - started)} ms`);
  // What reports read of an annotation (sentiment with its drivers, intent, key phrases), as the NLP gave it for each text.
  const analyzer = await createAnalyzer();
  const texts = CUSTOMER_MESSAGES.map((text, i) => {
    const a = analyzer.analyze(text);
    return { i, text, annotation: { sentiment: a.sentiment, intent: { name: a.intent.name, confidence: a.intent.confidence }, keyPhrases: a.keyPhrases } };
  });
  await exec(db, sql`create table bench_text as select * from json_to_recordset(${JSON.stringify(texts)}::json) as x(i int, text text, annotation jsonb)`);
  const hash = await hashPassword(command.agentPassword);
  await exec(db, sql`insert into users (id, email, name, role, password_hash) select ${agentId("n")}, 'agent' || n || '@bench.local', 'Bench Agent ' || lpad(n::text, 2, '0'), 'agent', ${hash}
    from generate_series(0::bigint, ${int(AGENTS - 1)}) n`);
  await exec(db, sql`insert into inboxes (id, name, channel) values ('bench-telegram', 'Telegram', 'telegram'), ('bench-whatsapp', 'WhatsApp', 'whatsapp'), ('bench-email', 'Email', 'email')`);
  const conversations = Math.ceil(command.messages / PER_CONVERSATION);
  const customers = Math.max(1, Math.ceil(conversations / 2));
  await exec(db, sql`insert into customers (id, name, tier, segment) select ${uuidSql("f1000000", "n")}, 'Bench customer ' || n,
      case when n % 10 = 0 then 'vip' else 'standard' end, 'seg-' || (n % 6) from generate_series(0::bigint, ${int(customers - 1)}) n`);
  // Conversation g: started (g / N) of a year ago, at any hour; half on the web, the rest on Telegram, WhatsApp and email;
  // 40 % handed off to agent g % 20 after the second customer turn.
  const inbox = "(case when g % 20 < 10 then 'demo' when g % 20 < 14 then 'bench-telegram' when g % 20 < 17 then 'bench-whatsapp' else 'bench-email' end)";
  const channel = "(case when g % 20 < 10 then 'web' when g % 20 < 14 then 'telegram' when g % 20 < 17 then 'whatsapp' else 'email' end)";
  const startOf = `(now() - interval '365 days' + (g::float8 / ${conversations}) * interval '365 days' + ((g * 7919) % 3600) * interval '1 second')`;
  const handedOff = "(g % 5 < 2)";
  // The seed knows each customer message's agent (the one who replied before it) and sets it: the per-row trigger that
  // finds it for messages written one at a time is left out while the bulk goes in; the rollup triggers run per chunk.
  await exec(db, sql`alter table messages disable trigger messages_stamp_agent`);
  for (let from = 0; from < conversations; from += CHUNK) {
    const to = Math.min(conversations, from + CHUNK) - 1;
    await exec(db, sql`insert into conversations (id, inbox_id, customer_id, channel, status, created_at, updated_at, last_message_at)
      select ${uuidSql("d2000000", "g")}, ${sql.raw(inbox)}, ${uuidSql("f1000000", `g % ${customers}`)}, ${sql.raw(channel)},
        case when ${sql.raw(handedOff)} then 'resolved' else 'bot' end, ${sql.raw(startOf)}, ${sql.raw(startOf)}, ${sql.raw(startOf)} + interval '10 minutes'
      from generate_series(${int(from)}::bigint, ${int(to)}::bigint) g`);
    // Turn k a minute apart: customers on even turns; replies from the bot, or from the agent after a hand-off.
    await exec(db, sql`insert into messages (conversation_id, sender_type, sender_id, text, annotation, created_at, agent_id)
      select ${uuidSql("d2000000", "g")},
        case when k % 2 = 0 then 'customer' when ${sql.raw(handedOff)} and k >= 3 then 'agent' else 'bot' end,
        case when k % 2 = 1 and ${sql.raw(handedOff)} and k >= 3 then ${agentId(`g % ${AGENTS}`)} end,
        case when k % 2 = 0 then t.text else 'A reply' end,
        case when k % 2 = 0 then t.annotation end,
        ${sql.raw(startOf)} + k * interval '1 minute',
        case when k % 2 = 0 and ${sql.raw(handedOff)} and k >= 4 then ${agentId(`g % ${AGENTS}`)} end
      from generate_series(${int(from)}::bigint, ${int(to)}::bigint) g
      cross join generate_series(0, ${int(PER_CONVERSATION - 1)}) k
      join bench_text t on t.i = (g * 7 + k * 3) % ${int(texts.length)}
      where g * ${int(PER_CONVERSATION)} + k < ${int(command.messages)}
      order by g, k`);
    await exec(db, sql`insert into tickets (conversation_id, customer_id, subject, status, priority, reason, assignee_id, first_response_at, resolved_at, created_at, updated_at)
      select ${uuidSql("d2000000", "g")}, ${uuidSql("f1000000", `g % ${customers}`)}, 'Bench ticket',
        case when g % 25 = 0 then 'open' when g % 25 = 1 then 'pending' else 'resolved' end,
        (array['low', 'normal', 'normal', 'high', 'urgent'])[1 + g % 5], (array['customer_request', 'negative_sentiment', 'bot_failed', 'needs_agent'])[1 + g % 4],
        ${agentId(`g % ${AGENTS}`)}, ${sql.raw(startOf)} + interval '3 minutes' + ((g * 31) % 600) * interval '1 second',
        case when g % 25 > 1 then ${sql.raw(startOf)} + interval '10 minutes' + ((g * 97) % 86400) * interval '1 second' end,
        ${sql.raw(startOf)} + interval '2 minutes', ${sql.raw(startOf)} + interval '2 minutes'
      from generate_series(${int(from)}::bigint, ${int(to)}::bigint) g where ${sql.raw(handedOff)}`);
    await exec(db, sql`select report_catch_up()`);
    // PGlite has no autovacuum: without statistics the rollups' queries plan for empty tables and scan the growing ones.
    if (from === 0 || (from / CHUNK) % 4 === 3) await exec(db, sql`analyze messages, conversations, report_conversations, report_sentiment_hourly`);
    log(`${Math.min(command.messages, (to + 1) * PER_CONVERSATION)} messages at ${Math.round(performance.now() - started)} ms`);
  }
  await exec(db, sql`alter table messages enable trigger messages_stamp_agent`);
  await exec(db, sql`insert into ticket_events (ticket_id, type, actor_type, data, created_at)
    select t.id, 'assigned', 'system', jsonb_build_object('assigneeId', t.assignee_id), t.created_at + interval '10 seconds' from tickets t where t.subject = 'Bench ticket'`);
  await exec(db, sql`insert into ticket_events (ticket_id, type, actor_type, data, created_at)
    select t.id, 'status_changed', 'agent', jsonb_build_object('from', 'open', 'to', 'resolved'), t.resolved_at from tickets t where t.subject = 'Bench ticket' and t.resolved_at is not null`);
  // One resolution in 20 was reopened for a while before the final one.
  await exec(db, sql`insert into ticket_events (ticket_id, type, actor_type, data, created_at)
    select t.id, e.type, 'agent', e.data, e.at from tickets t
    cross join lateral (values ('status_changed', jsonb_build_object('from', 'open', 'to', 'resolved'), t.resolved_at - interval '2 hours'),
      ('status_changed', jsonb_build_object('from', 'resolved', 'to', 'open'), t.resolved_at - interval '1 hour')) e(type, data, at)
    where t.subject = 'Bench ticket' and t.resolved_at is not null and t.number % 20 = 0`);
  await exec(db, sql`drop table bench_text`);
  await exec(db, sql`analyze`);
  const counts = (await db.execute(sql`select (select count(*)::int from messages) as messages, (select count(*)::int from messages where sender_type = 'customer') as "customerMessages",
    (select count(*)::int from conversations) as conversations, (select count(*)::int from tickets) as tickets,
    (select count(*)::int from report_sentiment_hourly) as "rollupRows", (select count(*)::int from report_conversations) as "reportConversations"`)) as unknown as { rows: Record<string, number>[] };
  await database.close();
  return { counts: counts.rows[0], seconds: Math.round((performance.now() - started) / 100) / 10 };
}

serveSeedCommand(seed);
