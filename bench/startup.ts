/** `startup`: time from spawning `node bin/switchboard.js start` to the first /healthz 200, and the idle server's resident memory, on an empty data dir and on one holding 100,000 messages (median of several runs). */
import type { BenchArgs } from "./lib/args.ts";
import { benchDatabase, type BenchDatabase } from "./lib/database.ts";
import { procSnapshot } from "./lib/proc.ts";
import { progress, sleep, startRedis, startServer, tempDir, type ServerProcess } from "./lib/processes.ts";
import { seedDataDir } from "./lib/seed.ts";
import { serverProfiler } from "./lib/server-profile.ts";
import { median, round } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

type Sample = { seconds: number; listeningLogMs: number | null; idleRssMB: number };

// With LOG_LEVEL=info the server logs "Switchboard is listening" with the milliseconds startServer() took (container, seed, listen); the rest is node, tsx and imports.
function listeningMs(server: ServerProcess): number | null {
  const line = server.output().split("\n").find((l) => l.includes("Switchboard is listening"));
  const m = line ? /"ms":(\d+)/.exec(line) : null;
  return m ? Number(m[1]) : null;
}

/**
 * The server's resident memory (VmRSS of its process, both threads) once it is idle: after the database warm-up
 * that follows /healthz has run (the server logs "database warm-up done") and `settleSeconds` more.
 */
async function idleRssMB(server: ServerProcess, settleSeconds: number): Promise<number> {
  const deadline = performance.now() + 180_000;
  while (!server.output().includes("database warm-up done")) {
    if (performance.now() > deadline) throw new Error(`no "database warm-up done" from the server within 180 s:\n${server.output()}`);
    await sleep(100);
  }
  await sleep(settleSeconds * 1000);
  const snapshot = procSnapshot(server.pid);
  if (!snapshot) throw new Error("the server exited before its memory was read");
  return round(snapshot.rssKB / 1024, 1);
}

/** Runs the benchmark: `--n 3` runs of each kind, `--messages 100000` in the warm data dir (over messages/10 conversations), `--settle 3` seconds of idleness before reading RSS, `--db pglite|postgres`. */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const runs = Math.max(1, args.num("n", 3));
  const messages = args.num("messages", 100_000);
  const settle = args.num("settle", 3);
  const dbKind = args.str("db", "pglite");
  // --profile: the first empty start and the first warm start write CPU profiles.
  const emptyProfiler = serverProfiler(args.flag("profile"), "startup-empty");
  const warmProfiler = serverProfiler(args.flag("profile"), "startup-warm");
  const profiles: unknown[] = [];
  const redis = await startRedis();
  const empty: Sample[] = [];
  const warm: Sample[] = [];
  const databases: BenchDatabase[] = [];
  let seeded: number;
  try {
    let warmDir: ReturnType<typeof tempDir> | undefined;
    let warmDatabase: BenchDatabase | undefined;
    for (let i = 0; i < runs; i++) {
      const data = tempDir("startup-empty");
      const database = benchDatabase(dbKind);
      databases.push(database);
      const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, databaseUrl: database.url, env: { LOG_LEVEL: "info" }, cpuProfDir: i === 0 ? emptyProfiler.dir : undefined });
      const idle = await idleRssMB(server, settle);
      empty.push({ seconds: server.readyMs / 1000, listeningLogMs: listeningMs(server), idleRssMB: idle });
      progress(`empty data dir: healthy after ${round(server.readyMs / 1000)} s, idle RSS ${idle} MB`);
      await server.stop();
      if (i === 0) profiles.push(emptyProfiler.report());
      if (!warmDir) {
        warmDir = data;
        warmDatabase = database;
      } else {
        data.remove();
        database.drop();
      }
    }
    // The first empty run's data dir or database (migrated, demo data, admin) gets the bulk messages.
    const result = await seedDataDir({ dataDir: warmDir!.dir, databaseUrl: warmDatabase!.url, messages, conversations: Math.max(1, Math.round(messages / 10)), status: "mixed" });
    seeded = result.messages;
    for (let i = 0; i < runs; i++) {
      const server = await startServer({ dataDir: warmDir!.dir, redisUrl: redis.url, databaseUrl: warmDatabase!.url, env: { LOG_LEVEL: "info" }, cpuProfDir: i === 0 ? warmProfiler.dir : undefined });
      const idle = await idleRssMB(server, settle);
      warm.push({ seconds: server.readyMs / 1000, listeningLogMs: listeningMs(server), idleRssMB: idle });
      progress(`data dir with ${seeded} messages: healthy after ${round(server.readyMs / 1000)} s, idle RSS ${idle} MB`);
      await server.stop();
      if (i === 0) profiles.push(warmProfiler.report());
    }
    warmDir!.remove();
  } finally {
    for (const database of databases) database.drop();
    await redis.stop();
  }
  const med = (xs: (number | null)[]): number | null => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? round(median(v)) : null;
  };
  return {
    emptySeconds: round(median(empty.map((s) => s.seconds))!),
    warmSeconds: round(median(warm.map((s) => s.seconds))!),
    idleRssMB: med(empty.map((s) => s.idleRssMB)),
    warmIdleRssMB: med(warm.map((s) => s.idleRssMB)),
    emptyRuns: empty.map((s) => round(s.seconds)),
    warmRuns: warm.map((s) => round(s.seconds)),
    idleRssRunsMB: empty.map((s) => s.idleRssMB),
    warmIdleRssRunsMB: warm.map((s) => s.idleRssMB),
    emptyStartServerMs: med(empty.map((s) => s.listeningLogMs)),
    warmStartServerMs: med(warm.map((s) => s.listeningLogMs)),
    warmMessages: seeded,
    database: dbKind,
    ...(args.flag("profile") ? { profiles: profiles.filter(Boolean) } : {}),
    setup: {
      command: "node bin/switchboard.js start --demo --agent-password … (PORT, HOST=127.0.0.1, DATA_DIR, REDIS_URL of a private redis-server, LOG_LEVEL=info, SWITCHBOARD_ADMIN_PASSWORD; DATABASE_URL of a fresh database with --db postgres)",
      measured: "spawn → first GET /healthz 200 (polled every 20 ms); *StartServerMs = the server's own 'Switchboard is listening' ms (container + seed + listen), the rest is node + tsx + imports",
      idleRss: `VmRSS of the server process (/proc/<pid>/status: main thread and the PGlite thread) after its 'database warm-up done' log line and ${settle} s more without traffic; idleRssMB on the empty data dir (first start: migrations, demo seed, first admin), warmIdleRssMB on the warm one`,
      empty: "fresh DATA_DIR (and, with --db postgres, a fresh database) each run (migrations + demo seed + first admin happen in the measured time)",
      warm: "the first empty run's DATA_DIR (or database) plus bulk-inserted conversations and messages; restarted each run",
    },
  };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
