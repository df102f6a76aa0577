/**
 * Child process that fills a fresh database for the `sales` benchmark before the server starts: migrations, the demo
 * data, the first admin, then (set-based SQL over generate_series) products, customers in 20 segments, a year of
 * orders with `lines` order lines (1–4 per order), the daily rollups rebuilt from them, 50 sales reps each covering a
 * few segments, a history of closed deals, open deals held by the reps, open deals without an owner (what lead
 * assignment places), and agent messages in conversations with the customers (the effort plan's history).
 */
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import { openDatabase, type Database } from "../../src/db/index.ts";
import { isEmpty, seedDemoData } from "../../src/db/seed/seed.ts";
import { ensureFirstAdmin } from "../../src/modules/agents/index.ts";
import { hashPassword } from "../../src/modules/agents/passwords.ts";
import { rebuildSalesRollups } from "../../src/modules/sales/index.ts";

/** What the parent asks for. */
export type SalesSeedCommand = {
  type: "seed";
  dataDir: string;
  databaseUrl?: string;
  adminEmail: string;
  adminPassword: string;
  agentPassword: string;
  lines: number;
  customers: number;
  segments: number;
  reps: number;
  /** Segments each rep covers (0: any). */
  repSegments: number;
  openOwned: number;
  unowned: number;
  closed: number;
  agentMessages: number;
};

const PRODUCTS = 500;
const CHUNK = 50_000;

const int = (value: number): SQL => sql.raw(String(Math.trunc(value)));
/** Deterministic ids: a prefix and the number in hex. */
const uuidSql = (prefix: string, expression: string): SQL => sql.raw(`('${prefix}-0000-4000-8000-' || lpad(to_hex(${expression}), 12, '0'))::uuid`);
const customerId = (expression: string): SQL => uuidSql("b1000000", expression);
const repId = (expression: string): SQL => uuidSql("a1000000", expression);

async function exec(db: Database, statement: SQL): Promise<void> {
  try {
    await db.execute(statement);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`${cause}\n${error instanceof Error ? error.message.slice(0, 300) : ""}`, { cause: error });
  }
}

async function insertOrders(db: Database, command: SalesSeedCommand, log: (line: string) => void): Promise<number> {
  // Order g has 1 + g % 4 lines (2.5 on average): enough orders for the asked lines.
  const orders = Math.ceil(command.lines / 2.5);
  const product = "((g * 31 + k * 17) % " + PRODUCTS + ")";
  for (let from = 0; from < orders; from += CHUNK) {
    const to = Math.min(orders, from + CHUNK) - 1;
    // Placed over the last year, more in November and December (seasonality), at any hour.
    await exec(db, sql`insert into orders (number, customer_id, status, items, total_cents, units, currency, placed_at, channel, created_at, updated_at)
      select 'BORD-' || g, ${customerId(`(g * 7919) % ${command.customers}`)}, case when g % 20 = 0 then 'cancelled' else 'delivered' end,
        li.items, li.total, li.units, 'USD', t.at, 'web', t.at, t.at
      from generate_series(${int(from)}::bigint, ${int(to)}::bigint) g
      cross join lateral (select now() - ((g * 7) % 365) * interval '1 day' - (g % 24) * interval '1 hour' as at) t
      cross join lateral (
        select jsonb_agg(jsonb_build_object('productId', ${uuidSql("c1000000", product)}, 'sku', 'BENCH-' || ${sql.raw(product)}, 'name', 'Bench product ' || ${sql.raw(product)},
                 'quantity', 1 + (g + k) % 3, 'priceCents', 500 + (${sql.raw(product)} * 137) % 20000)) as items,
               sum((1 + (g + k) % 3) * (500 + (${sql.raw(product)} * 137) % 20000))::int as total, sum(1 + (g + k) % 3)::int as units
        from generate_series(1, 1 + g % 4) k) li`);
    log(`${to + 1} orders`);
  }
  return orders;
}

async function seed(command: SalesSeedCommand, log: (line: string) => void): Promise<Record<string, unknown>> {
  const started = performance.now();
  const database = await openDatabase(command.databaseUrl ? { url: command.databaseUrl } : { pgliteDir: command.dataDir });
  await database.migrate();
  const db = database.db;
  if (await isEmpty(db)) await seedDemoData(db, { agentPassword: command.agentPassword, hashPassword, crm: false });
  await ensureFirstAdmin({ db }, { email: command.adminEmail, password: command.adminPassword });
  const segment = (expression: string): string => `'seg-' || (${expression}) % ${command.segments} + 1`;
  await exec(db, sql`insert into products (id, sku, name, price_cents) select ${uuidSql("c1000000", "n")}, 'BENCH-' || n, 'Bench product ' || n, 500 + (n * 137) % 20000 from generate_series(0::bigint, ${int(PRODUCTS - 1)}) n`);
  await exec(db, sql`insert into customers (id, name, email, segment) select ${customerId("n")}, 'Bench customer ' || n, 'bench' || n || '@customers.test', ${sql.raw(segment("n"))}
    from generate_series(0::bigint, ${int(command.customers - 1)}) n`);
  const orders = await insertOrders(db, command, log);
  await rebuildSalesRollups(db);
  log("rollups rebuilt");

  // Reps: agents, each covering `repSegments` segments spread over the range (0: any), room for the plan to fit.
  const hash = await hashPassword(command.agentPassword);
  await exec(db, sql`insert into users (id, email, name, role, password_hash) select ${repId("n")}, 'rep' || n || '@bench.local', 'Bench Rep ' || lpad(n::text, 2, '0'), 'agent', ${hash}
    from generate_series(0::bigint, ${int(command.reps - 1)}) n`);
  const heldPerRep = Math.ceil(command.openOwned / command.reps);
  const capacity = heldPerRep + Math.ceil((1.5 * command.unowned) / command.reps);
  const step = Math.max(1, Math.floor(command.segments / Math.max(1, command.repSegments)));
  await exec(db, sql`insert into sales_reps (user_id, capacity, segments)
    select ${repId("n")}, ${int(capacity)}, ${command.repSegments === 0 ? sql`'{}'::text[]` : sql`array(select ${sql.raw(segment(`n + k * ${step}`))} from generate_series(0::bigint, ${int(command.repSegments - 1)}) k)`}
    from generate_series(0::bigint, ${int(command.reps - 1)}) n`);
  // The demo's agents and manager do not sell here: the plans are for the bench's reps alone.
  await exec(db, sql`insert into sales_reps (user_id, active) select id, false from users where role in ('agent', 'manager') on conflict (user_id) do nothing`);

  const stage = async (key: string): Promise<string> => ((await db.execute(sql`select id from deal_stages where key = ${key}`)) as unknown as { rows: { id: string }[] }).rows[0].id;
  const [won, lost] = [await stage("won"), await stage("lost")];
  const openStages = await Promise.all(["lead", "qualified", "proposal", "negotiation"].map(stage));
  const customerOf = (factor: number): SQL => customerId(`(g * ${factor}) % ${command.customers}`);
  // Closed history: each rep wins some segments more often than others (its skill), so P(win) differs by rep and segment.
  await exec(db, sql`insert into deals (title, customer_id, owner_id, amount_cents, stage_id, closed_at, created_at, updated_at)
    select 'Closed deal ' || g, ${customerOf(7919)}, ${repId(`g % ${command.reps}`)}, 1000 + (g * 7717) % 500000,
      case when (g * 2654435761::bigint) % 100 < 15 + ((g % ${int(command.reps)}) * 7 + ((g * 7919) % ${int(command.customers)}) % ${int(command.segments)} * 13) % 60 then ${won}::uuid else ${lost}::uuid end,
      now() - (g % 300) * interval '1 day', now() - (g % 300 + 30) * interval '1 day', now() - (g % 300) * interval '1 day'
    from generate_series(0::bigint, ${int(command.closed - 1)}) g`);
  await exec(db, sql`insert into deals (title, customer_id, owner_id, amount_cents, stage_id, expected_close_date, created_at, updated_at)
    select 'Open deal ' || g, ${customerOf(104729)}, ${repId(`g % ${command.reps}`)}, 1000 + (g * 7717) % 500000,
      (${JSON.stringify(openStages)}::jsonb ->> (g % 4)::int)::uuid, (now() + (g % 120) * interval '1 day')::date, now() - (g % 90) * interval '1 day', now()
    from generate_series(0::bigint, ${int(command.openOwned - 1)}) g`);
  await exec(db, sql`insert into deals (title, customer_id, amount_cents, stage_id, source, expected_close_date, created_at, updated_at)
    select 'New lead ' || g, ${customerOf(15485863)}, 1000 + (g * 7717) % 500000, ${openStages[0]}::uuid, 'manual',
      (now() + (g % 60) * interval '1 day')::date, now() - interval '1 day' + g * interval '1 second', now()
    from generate_series(0::bigint, ${int(command.unowned - 1)}) g`);
  log("deals");

  // Agent time: one conversation per 20th customer, agent messages spread over the last year, busier for some segments.
  const conversations = Math.max(1, Math.floor(command.customers / 20));
  await exec(db, sql`insert into conversations (id, inbox_id, customer_id, channel, status, created_at, updated_at)
    select ${uuidSql("d1000000", "n")}, 'demo', ${customerId("n * 20")}, 'web', 'resolved', now() - interval '1 year', now() from generate_series(0::bigint, ${int(conversations - 1)}) n`);
  await exec(db, sql`insert into messages (conversation_id, sender_type, sender_name, text, created_at)
    select ${uuidSql("d1000000", `(m * 7) % ${conversations}`)}, 'agent', 'Bench Rep', 'Following up on your quote', now() - ((m * 13) % 360) * interval '1 day'
    from generate_series(0::bigint, ${int(command.agentMessages - 1)}) m`);
  await exec(db, sql`analyze`);
  const counts = (await db.execute(sql`select (select count(*)::int from orders) as orders,
    (select coalesce(sum(jsonb_array_length(items)), 0)::int from orders) as "orderLines",
    (select count(*)::int from deals d join deal_stages s on s.id = d.stage_id where s.outcome = 'open') as "openDeals",
    (select count(*)::int from deals where owner_id is null) as "unownedDeals",
    (select count(*)::int from sales_reps) as reps, (select count(*)::int from sales_daily) as "salesDailyRows",
    (select count(*)::int from messages where sender_type = 'agent') as "agentMessages"`)) as unknown as { rows: Record<string, number>[] };
  await database.close();
  return { counts: { ...counts.rows[0], ordersInserted: orders }, capacityPerRep: capacity, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

process.on("message", (raw: unknown) => {
  const command = raw as SalesSeedCommand;
  if (command.type !== "seed") return;
  const log = (line: string): void => void process.send?.({ type: "progress", line });
  seed({ ...command, dataDir: path.resolve(command.dataDir) }, log).then(
    (result) => process.send?.({ type: "seeded", ...result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
  );
});
process.send?.({ type: "ready" });
