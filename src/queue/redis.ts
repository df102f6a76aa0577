/** Finds Redis: connects to REDIS_URL, or starts a private redis-server (data in DATA_DIR) when none answers and one is installed. */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";

/** A reachable Redis: its URL, and a stop function for the private server when we started one. */
export type RedisEndpoint = { url: string; private: boolean; stop(): Promise<void> };

/** Thrown when no Redis answers and none can be started; the message says how to install one. */
export class RedisUnavailableError extends Error {}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** A port nobody listens on at the moment, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Returns a Redis to use, starting a private one only when REDIS_URL was not given and the default does not answer. */
export async function ensureRedis(options: { url: string; urlGiven: boolean; dataDir: string }): Promise<RedisEndpoint> {
  if (await answers(options.url)) return { url: options.url, private: false, stop: async () => undefined };
  const installed = spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
  if (options.urlGiven || !installed) {
    throw new RedisUnavailableError(
      `Redis does not answer at ${options.url}. ` +
        (options.urlGiven
          ? "Check REDIS_URL and that the server is running."
          : "Install it (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or set REDIS_URL to a running Redis."),
    );
  }
  const dir = path.join(options.dataDir, "redis");
  mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", "60 1", "--daemonize", "no"],
    { stdio: "ignore" },
  );
  const stopChild = (): void => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.once("exit", stopChild);
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) {
      return {
        url,
        private: true,
        stop: async () => {
          process.off("exit", stopChild);
          if (child.exitCode !== null) return;
          const exited = new Promise((resolve) => child.once("exit", resolve));
          child.kill("SIGTERM");
          await exited;
        },
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stopChild();
  throw new RedisUnavailableError(`A private redis-server was started on port ${port} but did not answer within 5 s.`);
}
