import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { openDatabase, type DatabaseTarget } from "../../src/db/index.ts";
import { freePort } from "../../src/queue/index.ts";
import { createScratchDatabase, POSTGRES_SERVER, postgresAnswers } from "../support/postgres.ts";
import { startServerProcess, type ServerProcess } from "../support/server-process.ts";
import { answeredMessages, ticketCounts } from "../support/stored-answers.ts";
import { connectCustomer, type WidgetCustomer } from "../support/widget-client.ts";

// Customers chat with the real server process; it is killed with SIGKILL mid-flight and started again on the same data.
// Every message is one the bot answers with exactly one reply, and out-of-scope ones alternate with questions it can
// answer: a turn run twice would count a failed turn twice and hand the conversation off (a ticket), and a lost turn
// would leave a message without its reply.
if (!(await postgresAnswers())) throw new Error(`The crash test needs a PostgreSQL server at ${POSTGRES_SERVER} (set TEST_POSTGRES_URL), and none answers.`);

const TEXTS = [
  "what will the weather be like in Lisbon this weekend",
  "what payment methods do you accept?",
  "can you recommend a good film to watch tonight",
  "how long does delivery take?",
];
const CUSTOMERS = 30;
/** Acknowledged messages before the kill: enough that turns are in flight. */
const ACKED_BEFORE_KILL = 90;

type Sent = { clientMsgId: string; text: string; id?: string };
type Chatter = { visitorId: string; customer: WidgetCustomer; acked: Sent[]; pending?: Sent };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one message after another until `stop` resolves; an unacknowledged one stays `pending`. */
async function chat(chatter: Chatter, stop: Promise<void>): Promise<void> {
  let stopped = false;
  void stop.then(() => (stopped = true));
  while (!stopped) {
    const sent: Sent = { clientMsgId: randomUUID(), text: TEXTS[chatter.acked.length % TEXTS.length] };
    chatter.pending = sent;
    const ack = await Promise.race([chatter.customer.send(sent.text, sent.clientMsgId).catch(() => undefined), stop]);
    if (!ack) return;
    if ("error" in ack) throw new Error(`message refused: ${JSON.stringify(ack.error)}`);
    sent.id = ack.id;
    chatter.acked.push(sent);
    chatter.pending = undefined;
    await sleep(Math.random() * 40);
  }
}

async function crashAndRecover(target: { databaseUrl?: string }): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-crash-"));
  const redisPrefix = `sbtest:${randomUUID()}`;
  const port = await freePort();
  // Demo mode loads the demo CRM's past conversations (days old): the checks below are about what this run wrote.
  const startedAt = new Date();
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({ dataDir, port, redisPrefix, databaseUrl: target.databaseUrl });
    const chatters: Chatter[] = await Promise.all(
      Array.from({ length: CUSTOMERS }, async () => {
        const customer = await connectCustomer(server!.url, "demo");
        return { visitorId: customer.visitorId, customer, acked: [] };
      }),
    );
    let kill!: () => void;
    const killed = new Promise<void>((resolve) => (kill = resolve));
    const chatting = Promise.all(chatters.map((c) => chat(c, killed)));
    while (chatters.reduce((n, c) => n + c.acked.length, 0) < ACKED_BEFORE_KILL) await sleep(20);
    await server.kill9();
    kill();
    await chatting;
    const inFlight = chatters.filter((c) => c.pending).length;
    expect(inFlight, "messages were in flight at the kill").toBeGreaterThan(0);
    for (const c of chatters) c.customer.close();

    server = await startServerProcess({ dataDir, port, redisPrefix, databaseUrl: target.databaseUrl });
    // Customers reconnect and resend what was never acknowledged, with the same clientMsgId.
    for (const c of chatters) c.customer = await connectCustomer(server.url, "demo", c.visitorId);
    await Promise.all(
      chatters.map(async (c) => {
        if (!c.pending) return;
        const ack = await c.customer.send(c.pending.text, c.pending.clientMsgId);
        if ("error" in ack) throw new Error(`resend refused: ${JSON.stringify(ack.error)}`);
        c.acked.push({ ...c.pending, id: ack.id });
        c.pending = undefined;
      }),
    );
    // Every acknowledged message gets its answer: poll each customer's history until the bot has spoken as often.
    const deadline = Date.now() + 45_000;
    for (const c of chatters) {
      for (;;) {
        const history = await c.customer.history();
        if (!Array.isArray(history)) throw new Error(`history refused: ${JSON.stringify(history)}`);
        if (history.filter((m) => m.sender.type !== "customer").length >= c.acked.length) break;
        if (Date.now() > deadline) throw new Error(`unanswered after the restart: ${JSON.stringify(history.map((m) => `${m.sender.type}: ${m.text}`))}`);
        await sleep(250);
      }
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    for (const c of chatters) c.customer.close();
    await server.stop();
    server = undefined;

    // The stored rows: each acknowledged message exactly once, with exactly one reply keyed by it, nothing owed, no hand-off.
    const database = await openDatabase((target.databaseUrl ? { url: target.databaseUrl } : { pgliteDir: dataDir }) as DatabaseTarget);
    try {
      const stored = await answeredMessages(database.db, undefined, startedAt);
      const acked = chatters.flatMap((c) => c.acked);
      expect(new Set(acked.map((m) => m.id)).size).toBe(acked.length);
      expect(stored.map((m) => m.id).sort()).toEqual(acked.map((m) => m.id).sort());
      const unanswered = stored.filter((m) => m.replies.length !== 1 || m.replies[0].key !== `bot:${m.id}:0`);
      expect(unanswered, "messages without exactly one reply").toEqual([]);
      expect([...(await ticketCounts(database.db, startedAt)).values()].reduce((a, b) => a + b, 0), "no hand-off from a turn run twice").toBe(0);
      const owed = (await database.db.execute(sql`select count(*)::int as n from conversations where owed_seq > answered_seq or turn_lease_owner is not null`)) as unknown as {
        rows: { n: number }[];
      };
      expect(Number(owed.rows[0].n), "nothing owed and no lease left").toBe(0);
    } finally {
      await database.close();
    }
  } finally {
    if (server) await server.kill9();
    const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
    const keys = await redis.keys(`${redisPrefix}*`).catch(() => [] as string[]);
    if (keys.length) await redis.del(...keys).catch(() => undefined);
    redis.disconnect();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("kill -9 with customers in flight", () => {
  it("on PGlite: after a restart every acknowledged message is stored once and answered exactly once, and the server is healthy", async () => {
    await crashAndRecover({});
  }, 180_000);

  it("on the PostgreSQL server: after a restart every acknowledged message is stored once and answered exactly once, and the server is healthy", async () => {
    const scratch = await createScratchDatabase();
    try {
      await crashAndRecover({ databaseUrl: scratch.url });
    } finally {
      await scratch.drop();
    }
  }, 180_000);
});
