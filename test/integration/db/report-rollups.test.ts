/**
 * The report rollups off the message path: a stored customer message waits in report_pending until report_catch_up()
 * counts it, exactly once, and updates and deletes of waiting or counted messages leave the rollups equal to the
 * messages themselves.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database, type DatabaseHandle } from "../../../src/db/index.ts";
import { seedDemoData } from "../../../src/db/seed/seed.ts";
import { hashPassword } from "../../../src/modules/agents/passwords.ts";
import { catchUpRollups } from "../../../src/modules/reports/index.ts";
import { testEngines } from "../../support/engines.ts";
import { reportFixtures } from "../../support/report-fixtures.ts";

type Row = Record<string, unknown>;
const rows = async (db: Database, query: ReturnType<typeof sql>): Promise<Row[]> => ((await db.execute(query)) as unknown as { rows: Row[] }).rows;

/** The hourly rollups as stored (rows a delete brought to zero left out), in a stable order. */
const stored = (db: Database) =>
  rows(db, sql`select dimension, hour, key, messages, round(score_sum::numeric, 3)::float8 as score_sum, negative, neutral, positive
    from report_sentiment_hourly where messages <> 0 order by 1, 2, 3`);

/** The same figures computed from the messages now. */
const truth = (db: Database) =>
  rows(db, sql`select d.dimension, date_trunc('hour', m.created_at, 'UTC') as hour, d.key, count(*)::int as messages,
      round(sum(m.sentiment_score::float8)::numeric, 3)::float8 as score_sum, count(*) filter (where m.sentiment_label = 'negative')::int as negative,
      count(*) filter (where m.sentiment_label = 'neutral')::int as neutral, count(*) filter (where m.sentiment_label = 'positive')::int as positive
    from messages m join conversations c on c.id = m.conversation_id
    cross join lateral (values ('channel', c.channel), ('inbox', c.inbox_id), ('agent', coalesce(m.agent_id::text, '')), ('intent', coalesce(m.intent, ''))) d(dimension, key)
    where m.sender_type = 'customer' and m.sentiment_label is not null and m.sentiment_score is not null
    group by 1, 2, 3 order by 1, 2, 3`);

/** The conversations' report rows, and the same rows recomputed from the messages. */
async function conversationRows(db: Database): Promise<{ kept: Row[]; recomputed: Row[] }> {
  const read = () => rows(db, sql`select conversation_id, labelled, first_label, last_label, last_score, last_message_id, last_agent_id, agent_change from report_conversations order by 1`);
  const kept = await read();
  await db.execute(sql`select report_conversations_refresh(array_agg(id)) from conversations`);
  return { kept, recomputed: await read() };
}

const pending = async (db: Database): Promise<number> => Number((await rows(db, sql`select count(*) as n from report_pending`))[0].n);

describe.each(testEngines())("report rollups on $name", (engine) => {
  let handle: DatabaseHandle;
  const db = (): Database => handle.db;

  beforeAll(async () => {
    handle = await openDatabase(await engine.open());
    await handle.migrate();
    await seedDemoData(handle.db, { agentPassword: "rollup-test-password", hashPassword, crm: false });
    // Whatever the demo stored is counted first, so the test starts from rollups that agree with the messages.
    await catchUpRollups(handle.db);
  }, 300_000);
  afterAll(async () => {
    await handle?.close();
    await engine.cleanup();
  });

  it("counts each stored customer message once, when the catch-up runs, and only then", async () => {
    const f = reportFixtures(db());
    const { alex } = await f.setup();
    const before = await stored(db());
    const web = await f.conversation("demo", "web", "2026-05-01T09:00:00Z");
    const tg = await f.conversation("tg", "telegram", "2026-05-01T09:30:00Z");
    await f.customer(web, "2026-05-01T09:01:00Z", "where is my parcel", { score: -2, label: "negative", intent: "order_status" });
    await f.reply(web, "2026-05-01T09:02:00Z", alex);
    await f.customer(web, "2026-05-01T09:03:00Z", "thanks, found it", { score: 2, label: "positive", intent: "thanks" });
    await f.customer(tg, "2026-05-01T10:15:00Z", "ok", { score: 0, label: "neutral" });
    await f.reply(tg, "2026-05-01T10:16:00Z", null);

    // Stored but not counted: three customer messages wait, replies never do, and the rollups have not moved.
    expect(await pending(db())).toBe(3);
    expect(await stored(db())).toEqual(before);

    expect(await catchUpRollups(db())).toBe(3);
    expect(await pending(db())).toBe(0);
    expect(await stored(db())).toEqual(await truth(db()));
    const { kept, recomputed } = await conversationRows(db());
    expect(kept).toEqual(recomputed);
    // The web conversation ended better than it started, after Alex's reply: +4 over Alex's stint.
    expect(kept.find((r) => r.conversation_id === web)).toMatchObject({ labelled: 2, first_label: -1, last_label: 1, last_agent_id: alex, agent_change: 4 });

    // A second catch-up finds nothing: nothing is counted twice.
    expect(await catchUpRollups(db())).toBe(0);
    expect(await stored(db())).toEqual(await truth(db()));
  });

  it("keeps the rollups equal to the messages when waiting and counted messages are changed or deleted", async () => {
    const f = reportFixtures(db());
    const conversation = await f.conversation("demo", "web", "2026-05-02T12:00:00Z");
    const counted = await f.customer(conversation, "2026-05-02T12:01:00Z", "this is awful", { score: -3, label: "negative", intent: "complaint" });
    const countedToo = await f.customer(conversation, "2026-05-02T12:02:00Z", "still waiting", { score: -1, label: "negative", intent: "complaint" });
    await catchUpRollups(db());
    const waiting = await f.customer(conversation, "2026-05-02T13:05:00Z", "great, sorted", { score: 3, label: "positive", intent: "thanks" });
    const waitingToo = await f.customer(conversation, "2026-05-02T13:06:00Z", "bye", { score: 0, label: "neutral", intent: "goodbye" });
    expect(await pending(db())).toBe(2);

    // Re-scored (a counted one and a waiting one), an erasure's empty annotation, and deletes of both kinds.
    const rescored = { sentiment: { score: 1, comparative: 0, label: "positive", confidence: 0.9, drivers: [] }, intent: { name: "other", confidence: 0.9 } };
    await db().execute(sql`update messages set annotation = ${JSON.stringify(rescored)}::jsonb where id in (${counted}::uuid, ${waiting}::uuid)`);
    await db().execute(sql`update messages set annotation = null where id = ${waitingToo}::uuid`);
    await db().execute(sql`delete from messages where id = ${countedToo}::uuid`);
    // The updates counted the waiting messages they touched: nothing waits any more, and nothing is counted twice.
    expect(await pending(db())).toBe(0);
    expect(await stored(db())).toEqual(await truth(db()));
    expect(await catchUpRollups(db())).toBe(0);

    const late = await f.customer(conversation, "2026-05-02T14:00:00Z", "one more thing", { score: -1, label: "negative" });
    await db().execute(sql`delete from messages where id = ${late}::uuid`);
    expect(await pending(db())).toBe(0);
    expect(await stored(db())).toEqual(await truth(db()));
    const { kept, recomputed } = await conversationRows(db());
    expect(kept).toEqual(recomputed);
    expect(kept.find((r) => r.conversation_id === conversation)).toMatchObject({ labelled: 2, first_label: 1, last_label: 1 });
  });
});
