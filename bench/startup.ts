/** `startup`: time from spawning `node bin/switchboard.js start` to the first /healthz 200, on an empty data dir and on one holding 100,000 messages (median of several runs). */
import type { BenchArgs } from "./lib/args.ts";
import { progress, startRedis, startServer, tempDir, type ServerProcess } from "./lib/processes.ts";
import { seedDataDir } from "./lib/seed.ts";
import { serverProfiler } from "./lib/server-profile.ts";
import { median, round } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

type Sample = { seconds: number; listeningLogMs: number | null };

// With LOG_LEVEL=info the server logs "Switchboard is listening" with the milliseconds startServer() took (container, seed, listen); the rest is node, tsx and imports.
function listeningMs(server: ServerProcess): number | null {
  const line = server.output().split("\n").find((l) => l.includes("Switchboard is listening"));
  const m = line ? /"ms":(\d+)/.exec(line) : null;
  return m ? Number(m[1]) : null;
}

/** Runs the benchmark: `--n 3` runs of each kind, `--messages 100000` in the warm data dir (over messages/10 conversations). */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const runs = Math.max(1, args.num("n", 3));
  const messages = args.num("messages", 100_000);
  // --profile: the first empty start and the first warm start write CPU profiles.
  const emptyProfiler = serverProfiler(args.flag("profile"), "startup-empty");
  const warmProfiler = serverProfiler(args.flag("profile"), "startup-warm");
  const profiles: unknown[] = [];
  const redis = await startRedis();
  const empty: Sample[] = [];
  const warm: Sample[] = [];
  let seeded: number;
  try {
    let warmDir: ReturnType<typeof tempDir> | undefined;
    for (let i = 0; i < runs; i++) {
      const data = tempDir("startup-empty");
      const server = await startServer({ dataDir: data.dir, redisUrl: redis.url, env: { LOG_LEVEL: "info" }, cpuProfDir: i === 0 ? emptyProfiler.dir : undefined });
      empty.push({ seconds: server.readyMs / 1000, listeningLogMs: listeningMs(server) });
      progress(`empty data dir: healthy after ${round(server.readyMs / 1000)} s`);
      await server.stop();
      if (i === 0) profiles.push(emptyProfiler.report());
      if (!warmDir) warmDir = data;
      else data.remove();
    }
    // The first empty run's data dir (migrated, demo data, admin) gets the bulk messages.
    const result = await seedDataDir({ dataDir: warmDir!.dir, messages, conversations: Math.max(1, Math.round(messages / 10)), status: "mixed" });
    seeded = result.messages;
    for (let i = 0; i < runs; i++) {
      const server = await startServer({ dataDir: warmDir!.dir, redisUrl: redis.url, env: { LOG_LEVEL: "info" }, cpuProfDir: i === 0 ? warmProfiler.dir : undefined });
      warm.push({ seconds: server.readyMs / 1000, listeningLogMs: listeningMs(server) });
      progress(`data dir with ${seeded} messages: healthy after ${round(server.readyMs / 1000)} s`);
      await server.stop();
      if (i === 0) profiles.push(warmProfiler.report());
    }
    warmDir!.remove();
  } finally {
    await redis.stop();
  }
  const med = (xs: (number | null)[]): number | null => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? round(median(v)) : null;
  };
  return {
    emptySeconds: round(median(empty.map((s) => s.seconds))!),
    warmSeconds: round(median(warm.map((s) => s.seconds))!),
    emptyRuns: empty.map((s) => round(s.seconds)),
    warmRuns: warm.map((s) => round(s.seconds)),
    emptyStartServerMs: med(empty.map((s) => s.listeningLogMs)),
    warmStartServerMs: med(warm.map((s) => s.listeningLogMs)),
    warmMessages: seeded,
    ...(args.flag("profile") ? { profiles: profiles.filter(Boolean) } : {}),
    setup: {
      command: "node bin/switchboard.js start --demo --agent-password … (PORT, HOST=127.0.0.1, DATA_DIR, REDIS_URL of a private redis-server, LOG_LEVEL=info, SWITCHBOARD_ADMIN_PASSWORD)",
      measured: "spawn → first GET /healthz 200 (polled every 20 ms); *StartServerMs = the server's own 'Switchboard is listening' ms (container + seed + listen), the rest is node + tsx + imports",
      empty: "fresh DATA_DIR each run (migrations + demo seed + first admin happen in the measured time)",
      warm: "the first empty run's DATA_DIR plus bulk-inserted conversations and messages; the same dir restarted each run",
    },
  };
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
