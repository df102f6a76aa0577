/** Diagnostic (not a benchmark): counts the SQL statements, rows and PGlite time behind one widget message and the bot's reply. `npx tsx bench/diagnose-queries.ts [--messages 10] [--first]` (--first: each message from a new visitor) — runs the server in-process with the database client's query wrapped (time = round trip to PGlite's thread, queueing included). */
import { io, type Socket } from "socket.io-client";
import { randomUUID } from "node:crypto";
import { parseArgs } from "./lib/args.ts";
import { ADMIN_PASSWORD, startRedis, tempDir } from "./lib/processes.ts";
import { BOT_ANSWERED_MESSAGES } from "./data/messages.ts";

type Stat = { calls: number; rows: number; ms: number };
const census = new Map<string, Stat>();
let recording = false;
type Queryable = { query(query: string, params?: unknown[], options?: unknown): Promise<{ rows: unknown[] }> };
/** Wraps the database client's query (PGlite's thread, or pg's pool) to count statements, rows and time. */
function census_(client: Queryable): void {
  const original = client.query.bind(client);
  client.query = async (query, params, options) => {
    const t0 = performance.now();
    const result = await original(query, params, options);
    if (recording) {
      const key = query.replace(/\s+/g, " ").replace(/\$\d+/g, "$").slice(0, 160);
      const s = census.get(key) ?? { calls: 0, rows: 0, ms: 0 };
      s.calls++;
      s.rows += result.rows.length;
      s.ms += performance.now() - t0;
      census.set(key, s);
    }
    return result;
  };
}

const { args } = parseArgs(process.argv.slice(2));
const count = args.num("messages", 10);
const redis = await startRedis();
const data = tempDir("diagnose");
const { loadConfig } = await import("../src/config.ts");
const { startServer } = await import("../src/main.ts");
const { isEmpty, seedDemoData } = await import("../src/db/seed/seed.ts");
const { hashPassword } = await import("../src/modules/agents/passwords.ts");
const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: data.dir, REDIS_URL: redis.url, LOG_LEVEL: "silent", SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD, RATE_LIMITS: "off" });
const server = await startServer(config, {
  prepare: async (c) => {
    census_((c.database.db as unknown as { $client: Queryable }).$client);
    if (await isEmpty(c.database.db)) await seedDemoData(c.database.db, { agentPassword: "x-password", hashPassword });
  },
});
const url = server.url.replace("localhost", "127.0.0.1");
// --first: every exchange comes from a new visitor, so it creates a customer and a conversation.
const firstMessages = args.flag("first");
const connect = async (): Promise<Socket> => {
  const socket = io(`${url}/widget`, { auth: { inbox: "demo", visitorId: randomUUID() }, transports: ["websocket"], reconnection: false, forceNew: true });
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return socket;
};
const exchange = async (socket: Socket, text: string): Promise<number> => {
  const t0 = performance.now();
  const replied = new Promise<void>((resolve) => {
    const onMessage = (m: { sender: { type: string } }): void => {
      if (m.sender.type !== "bot") return;
      socket.off("message:new", onMessage);
      resolve();
    };
    socket.on("message:new", onMessage);
  });
  await socket.emitWithAck("message:send", { clientMsgId: randomUUID(), text });
  await replied;
  await new Promise((r) => setTimeout(r, 200)); // let the trailing broadcasts (typing off, conversation updated) finish
  return performance.now() - t0;
};
const sockets: Socket[] = [await connect()];
await exchange(sockets[0], "hello"); // creates the customer and the conversation; not counted
recording = true;
for (let i = 0; i < count; i++) {
  const socket = firstMessages ? await connect() : sockets[0];
  if (firstMessages) sockets.push(socket);
  await exchange(socket, BOT_ANSWERED_MESSAGES[i % BOT_ANSWERED_MESSAGES.length]);
}
recording = false;
const rows = [...census.entries()].sort((a, b) => b[1].ms - a[1].ms);
const total = rows.reduce((t, [, s]) => ({ calls: t.calls + s.calls, rows: t.rows + s.rows, ms: t.ms + s.ms }), { calls: 0, rows: 0, ms: 0 });
process.stdout.write(`per customer message + bot reply (${count} exchanges): ${(total.calls / count).toFixed(1)} statements, ${(total.rows / count).toFixed(1)} rows, ${(total.ms / count).toFixed(1)} ms waiting for the database\n`);
for (const [sql, s] of rows) process.stdout.write(`${(s.calls / count).toFixed(1).padStart(5)}×  ${(s.rows / count).toFixed(1).padStart(6)} rows  ${(s.ms / count).toFixed(2).padStart(7)} ms  ${sql}\n`);
sockets.forEach((socket) => socket.close());
await server.stop();
await redis.stop();
data.remove();
process.exit(0);
