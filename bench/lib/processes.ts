/** Child processes of a benchmark: free ports, temp dirs, the Switchboard server, a private Redis, TypeScript workers; all killed by pid on exit. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { freePort } from "../../src/queue/index.ts";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the repository (bench/lib/../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Password of the first admin in every benchmark server (login: admin@switchboard.local). */
export const ADMIN_EMAIL = "admin@switchboard.local";
/** See ADMIN_EMAIL. */
export const ADMIN_PASSWORD = "bench-admin-password";
/** Password of the demo accounts on the benchmark server (demo mode: the benchmarks chat with the demo shop). */
export const AGENT_PASSWORD = "bench-agent-password";

const children = new Set<ChildProcess>();
const dirs = new Set<string>();

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
process.once("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Writes a progress line to stderr (stdout is kept for the result). */
export function progress(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}

/** A port nobody listens on at the moment, on 127.0.0.1. */
export { freePort };

/** A fresh temporary directory, removed when the benchmark exits (or by remove()). */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `switchboard-bench-${prefix}-`));
  dirs.add(dir);
  return {
    dir,
    remove() {
      dirs.delete(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Keeps a child's output tail (for error messages) without letting it reach our stdout. */
function captureTail(child: ChildProcess, limit = 8000): () => string {
  let tail = "";
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString("utf8")).slice(-limit);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => tail;
}

/** Sends SIGTERM, then SIGKILL after `graceMs`; resolves when the child has exited. */
export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null || !child.pid) {
      children.delete(child);
      return resolve();
    }
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid!, "SIGKILL");
      } catch {
        // gone
      }
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    });
    try {
      process.kill(child.pid, "SIGTERM");
    } catch {
      clearTimeout(timer);
      children.delete(child);
      resolve();
    }
  });
}

/** Spawns a TypeScript file of bench/ under tsx with an IPC channel; its stdout and stderr are captured, not inherited. */
export function spawnTs(file: string, args: string[] = [], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = []): { child: ChildProcess; output(): string } {
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", path.join(ROOT, file), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return { child, output: captureTail(child) };
}

/** Waits for one IPC message of the given type from a child (rejecting when it exits first or after timeoutMs). */
export function nextMessage<T extends { type: string }>(child: ChildProcess, type: string, timeoutMs: number, output?: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown): void => {
      const m = message as T;
      if (m && m.type === "error") {
        cleanup();
        reject(new Error(`worker failed: ${(m as unknown as { message: string }).message}`));
      } else if (m && m.type === type) {
        cleanup();
        resolve(m);
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`worker exited (${code}) before "${type}"${output ? `:\n${output()}` : ""}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no "${type}" from worker within ${timeoutMs} ms${output ? `:\n${output()}` : ""}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** A private redis-server on a free port: the shared Redis on 6379 is used by other servers under the same "switchboard" key prefix, whose job workers would take our jobs. */
export type PrivateRedis = { url: string; pid: number; stop(): Promise<void> };

/** Starts a throw-away redis-server (no persistence) and waits until it answers. */
export async function startRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--maxclients", "20000"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  const output = captureTail(child);
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (await portAnswers(port)) break;
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${output()}`);
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, stop: () => stopChild(child, 2000) };
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Sleeps. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A running Switchboard server process. */
export type ServerProcess = {
  url: string;
  pid: number;
  /** Milliseconds from spawn to the first /healthz 200. */
  readyMs: number;
  output(): string;
  stop(): Promise<void>;
};

/** Options of startServer. */
export type ServerOptions = {
  dataDir: string;
  redisUrl: string;
  /** Raise the open-files limit to this (through bash `ulimit -n`; to the hard limit when that is lower) before exec'ing node. */
  ulimit?: number;
  /** Write a V8 CPU profile (--cpu-prof) into this directory when the server stops. */
  cpuProfDir?: string;
  env?: NodeJS.ProcessEnv;
  readyTimeoutMs?: number;
  /** A PostgreSQL URL instead of PGlite in DATA_DIR. */
  databaseUrl?: string;
  /**
   * Wait until the server's queues are idle before returning (default true): the demo's first start queues an insights
   * refresh, which would otherwise run during the first measurements. The kill bench leaves it off: what a restart
   * queues is what it measures.
   */
  settle?: boolean;
};

/** Runs `node bin/switchboard.js start --demo` (migrate, load the demo shop when absent, serve) as its own process on 127.0.0.1 and waits for /healthz 200. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const port = await freePort();
  const nodeArgs = options.cpuProfDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`] : [];
  const command = [process.execPath, ...nodeArgs, path.join(ROOT, "bin/switchboard.js"), "start", "--demo", "--agent-password", AGENT_PASSWORD];
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: options.dataDir,
    REDIS_URL: options.redisUrl,
    LOG_LEVEL: "warn",
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PUBLIC_URL: "",
    DATABASE_URL: options.databaseUrl ?? "",
    // The simulated customers all come from 127.0.0.1, hundreds at a time: the per-address limits would refuse them.
    RATE_LIMITS: "off",
    ...options.env,
  };
  const started = performance.now();
  const child = options.ulimit
    ? // `exec` keeps the pid, so CPU and RSS are read from the node process itself.
      spawn("bash", ["-c", `{ ulimit -n ${options.ulimit} || ulimit -n "$(ulimit -Hn)"; } 2>/dev/null; exec "$@"`, "bash", ...command], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] })
    : spawn(command[0], command.slice(1), { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  const output = captureTail(child);
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitHealthy(url, options.readyTimeoutMs ?? 300_000, () => {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}) before it was healthy:\n${output()}`);
  });
  if (options.settle ?? true) await waitQueuesIdle(options.redisUrl, options.readyTimeoutMs ?? 300_000);
  // A profiled server writes its profile only when it exits by itself: give it time to drain.
  return { url, pid: child.pid!, readyMs: readyMs - started, output, stop: () => stopChild(child, options.cpuProfDir ? 90_000 : 10_000) };
}

/** Polls GET /healthz every 20 ms until it answers 200; returns performance.now() at that moment. */
export async function waitHealthy(url: string, timeoutMs: number, check: () => void = () => undefined): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    check();
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${url}/healthz did not answer 200 within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Logs in as the benchmark admin and returns the Cookie header value (sb_session=…). */
export async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get("set-cookie");
  if (!cookie) throw new Error("login set no cookie");
  return cookie.split(";")[0];
}

/** The open-files soft limit of a running process (from /proc/<pid>/limits). */
export function openFilesLimit(pid: number): number | null {
  try {
    const m = /Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** Waits (at most timeoutMs) until the server's bull queues in our private Redis have nothing waiting or active, so one phase's backlog does not spill into the next; returns the jobs still queued. */
export async function waitQueuesIdle(redisUrl: string, timeoutMs = 120_000, prefix = "switchboard"): Promise<number> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const keys = await redis.keys(`${prefix}:*:wait`);
      const active = await redis.keys(`${prefix}:*:active`);
      let queued = 0;
      for (const key of [...keys, ...active]) queued += await redis.llen(key);
      if (queued === 0 || performance.now() > deadline) return queued;
      await sleep(250);
    }
  } finally {
    redis.disconnect();
  }
}
