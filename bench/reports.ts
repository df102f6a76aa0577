/** `reports`: how long the "top topics" report takes over 1, 7 and 30 days against a server whose PGlite DATA_DIR holds 100,000 messages (half from customers, one conversation per minute back from now). */
import type { BenchArgs } from "./lib/args.ts";
import { login, progress, startRedis, startServer, tempDir } from "./lib/processes.ts";
import { seedDataDir } from "./lib/seed.ts";
import { benchDatabase } from "./lib/database.ts";
import { median, round } from "./lib/stats.ts";
import { keyValues, table } from "./lib/table.ts";

type Period = { days: number; messages: number; topics: number; medianMs: number; maxMs: number; runs: number };


/** Runs the benchmark: `--n 5` requests per period (each a new question, so none is answered from the 30 s memory), `--messages 100000`, `--db pglite|postgres`. */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const runs = args.num("n", 5);
  const messages = args.num("messages", 100_000);
  const conversations = args.num("conversations", Math.max(1, Math.round(messages / 10)));
  const database = benchDatabase(args.str("db", "pglite"));
  const redis = await startRedis();
  const data = tempDir("reports");
  const seeded = await seedDataDir({ dataDir: data.dir, messages, conversations, databaseUrl: database.url });
  const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, databaseUrl: database.url });
  const periods: Period[] = [];
  let cachedMs: number;
  try {
    const cookie = await login(server.url);
    const ask = async (query: string): Promise<{ ms: number; body: { data: { messages: number; topics: unknown[] } } }> => {
      const started = performance.now();
      const res = await fetch(`${server.url}/api/v1/reports/topics?${query}`, { headers: { cookie } });
      const body = (await res.json()) as { data: { messages: number; topics: unknown[] } };
      if (res.status !== 200) throw new Error(`report answered ${res.status}: ${JSON.stringify(body)}`);
      return { ms: performance.now() - started, body };
    };
    const end = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
    for (const days of [1, 7, 30]) {
      const times: number[] = [];
      let last = { messages: 0, topics: [] as unknown[] };
      for (let i = 0; i < runs; i++) {
        // A different end each time (a second apart) makes each request a new question.
        const to = new Date(end + i * 1000);
        const from = new Date(to.getTime() - days * 86_400_000);
        const { ms, body } = await ask(`from=${from.toISOString()}&to=${to.toISOString()}`);
        times.push(ms);
        last = body.data;
      }
      periods.push({ days, messages: last.messages, topics: last.topics.length, medianMs: round(median(times) ?? 0, 1), maxMs: round(Math.max(...times), 1), runs });
      progress(`${days} days: ${last.messages} customer messages, median ${round(median(times) ?? 0, 1)} ms`);
    }
    const again = new Date(end);
    cachedMs = round((await ask(`from=${new Date(again.getTime() - 7 * 86_400_000).toISOString()}&to=${again.toISOString()}`)).ms, 1);
  } finally {
    await server.stop();
    await redis.stop();
    data.remove();
    database.drop();
  }
  return {
    periods,
    cachedMs,
    setup: {
      requestsPerPeriod: runs,
      seededMessages: seeded.messages,
      seededConversations: seeded.conversations,
      database: database.kind,
      request: "GET /api/v1/reports/topics as the admin (limit 20), one at a time; cachedMs repeats the first 7-day question",
    },
  };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return [table(result.periods as Record<string, unknown>[]), "", keyValues({ cachedMs: result.cachedMs, ...(result.setup as Record<string, unknown>) })].join("\n");
}
