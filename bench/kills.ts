/**
 * `kills`: the crash test's long-running form. `--kills K` times, customers chat with the real server process, it is
 * killed with SIGKILL while messages are in flight, and it starts again on the same data; the customers reconnect with
 * the visitor id the server issued and resend what was never acknowledged. At the end the database is read: every
 * acknowledged message must be stored once with exactly one bot reply keyed by it.
 */
import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { openDatabase, type DatabaseTarget } from "../src/db/index.ts";
import type { BenchArgs } from "./lib/args.ts";
import { benchDatabase } from "./lib/database.ts";
import { procSnapshot } from "./lib/proc.ts";
import { progress, sleep, startRedis, startServer, tempDir, type ServerProcess } from "./lib/processes.ts";
import { keyValues } from "./lib/table.ts";
import { answeredMessages } from "../test/support/stored-answers.ts";

type Ack = { id?: string; error?: { code: string } };
type Customer = { visitorId: string; socket?: Socket; acked: string[]; pending?: { clientMsgId: string; text: string }; sent: number };

const TEXTS = ["what payment methods do you accept?", "how long does delivery take?", "what is your refund policy?", "hello"];

/** Connects one customer (a first visit sends a placeholder) and resolves with the id the server issued. */
function connect(url: string, customer: Customer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/widget`, { auth: { inbox: "demo", visitorId: customer.visitorId }, transports: ["websocket"], reconnection: false });
    const timer = setTimeout(() => reject(new Error("no visitor id within 30 s")), 30_000);
    socket.once("visitor", ({ visitorId }: { visitorId: string }) => {
      clearTimeout(timer);
      customer.visitorId = visitorId;
      customer.socket = socket;
      resolve();
    });
    socket.once("connect_error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function send(customer: Customer, message: { clientMsgId: string; text: string }): Promise<Ack | undefined> {
  return new Promise((resolve) => {
    const socket = customer.socket;
    if (!socket?.connected) return resolve(undefined);
    socket.once("disconnect", () => resolve(undefined));
    socket.emit("message:send", message, (ack: Ack) => resolve(ack));
  });
}

/** One customer sends one message after another (a short pause between) until the server goes away. */
async function chat(customer: Customer): Promise<void> {
  for (;;) {
    customer.pending ??= { clientMsgId: randomUUID(), text: TEXTS[customer.sent++ % TEXTS.length] };
    const ack = await send(customer, customer.pending);
    if (!ack) return;
    if (ack.error) throw new Error(`message refused: ${ack.error.code}`);
    customer.acked.push(ack.id!);
    customer.pending = undefined;
    await sleep(20 + Math.random() * 80);
  }
}

/** How many of the customer's conversation's messages came from the bot (history pages through at most 500 at a time). */
async function botReplies(customer: Customer): Promise<number> {
  const page = (after?: string): Promise<{ id: string; sender: { type: string } }[]> =>
    new Promise((resolve) => {
      customer.socket?.emit("history", after ? { after } : {}, (rows: { id: string; sender: { type: string } }[] | { error: unknown }) =>
        resolve(Array.isArray(rows) ? rows : []),
      );
    });
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return count;
    count += rows.filter((m) => m.sender.type === "bot").length;
    after = rows[rows.length - 1].id;
  }
}

function waitExit(pid: number): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => void (procSnapshot(pid) ? setTimeout(poll, 20) : resolve());
    poll();
  });
}

/** Runs the benchmark: `--kills 20`, `--customers 20`, `--seconds 3` of chat before each kill (randomised ±50 %), `--db pglite|postgres`. */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const kills = Math.max(1, args.num("kills", 20));
  const customersN = Math.max(1, args.num("customers", 20));
  const seconds = args.num("seconds", 3);
  const database = benchDatabase(args.str("db", "pglite"));
  const redis = await startRedis();
  const data = tempDir("switchboard-kills-");
  const started = performance.now();
  const customers: Customer[] = Array.from({ length: customersN }, () => ({ visitorId: `placeholder-${randomUUID()}`, acked: [], sent: 0 }));
  let inFlightAtKills = 0;
  let server: ServerProcess | undefined;
  try {
    for (let round = 0; round <= kills; round++) {
      server = await startServer({ dataDir: data.dir, redisUrl: redis.url, databaseUrl: database.url, settle: false });
      for (const customer of customers) await connect(server.url, customer);
      // Whatever was never acknowledged is resent with the same clientMsgId; chatting goes on from there.
      const chatting = Promise.all(customers.map((c) => chat(c)));
      if (round === kills) {
        await sleep(seconds * 1000);
        for (const c of customers) c.socket?.disconnect();
        await chatting;
        // Everything acknowledged gets its answer: wait (at most a minute) until each customer's history shows as many.
        for (const c of customers) {
          await connect(server.url, c);
          const deadline = performance.now() + 60_000;
          while ((await botReplies(c)) < c.acked.length && performance.now() < deadline) await sleep(250);
          c.socket?.close();
        }
        await server.stop();
        break;
      }
      await sleep(seconds * 1000 * (0.5 + Math.random()));
      process.kill(server.pid, "SIGKILL");
      await waitExit(server.pid);
      await chatting;
      inFlightAtKills += customers.filter((c) => c.pending).length;
      for (const c of customers) c.socket?.close();
      progress(`[kills] kill ${round + 1}/${kills}: ${customers.reduce((n, c) => n + c.acked.length, 0)} acknowledged so far`);
    }
    server = undefined;
    const db = await openDatabase((database.url ? { url: database.url } : { pgliteDir: data.dir }) as DatabaseTarget);
    try {
      const stored = new Map((await answeredMessages(db.db)).map((m) => [m.id, m]));
      const acked = customers.flatMap((c) => c.acked);
      const lost = acked.filter((id) => !stored.has(id)).length;
      const unanswered = acked.filter((id) => (stored.get(id)?.replies.length ?? 0) === 0).length;
      const answeredTwice = acked.filter((id) => (stored.get(id)?.replies.length ?? 0) > 1).length;
      return {
        benchmark: "kills",
        database: database.kind,
        kills,
        customers: customersN,
        acknowledged: acked.length,
        duplicateAcks: acked.length - new Set(acked).size,
        inFlightAtKills,
        lost,
        unanswered,
        answeredTwice,
        seconds: Math.round((performance.now() - started) / 100) / 10,
      };
    } finally {
      await db.close();
    }
  } finally {
    for (const c of customers) c.socket?.close();
    if (server) process.kill(server.pid, "SIGKILL");
    await redis.stop();
    data.remove();
    database.drop();
  }
}

/** Prints the result as key: value lines. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
