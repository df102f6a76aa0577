/** The real server as a child process (`node bin/switchboard.js start`, from the TypeScript sources), for tests that kill it. */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The first admin of a server process. */
export const PROCESS_ADMIN = { email: "admin@example.test", password: "admin-password-1" };

/** A running server process. */
export type ServerProcess = {
  url: string;
  pid: number;
  /** The last lines it wrote (for failure messages). */
  output(): string;
  /** `kill -9`: no shutdown, no flush, no goodbye. */
  kill9(): Promise<void>;
  /** SIGTERM, then SIGKILL after 15 s; resolves once it exited. */
  stop(): Promise<void>;
};

/** What to start: a data dir (PGlite there unless databaseUrl is given), a fixed port (kept across restarts) and a Redis key prefix. */
export type ServerProcessOptions = { dataDir: string; port: number; redisPrefix: string; databaseUrl?: string; readyTimeoutMs?: number };

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

/** Starts the server and resolves once GET /healthz answers 200. */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const child = spawn(process.execPath, [`${root}bin/switchboard.js`, "start"], {
    cwd: root,
    env: {
      ...process.env,
      SWITCHBOARD_FROM_SOURCES: "1",
      SWITCHBOARD_DEMO: "1",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl ?? "",
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      REDIS_PREFIX: options.redisPrefix,
      LOG_LEVEL: "warn",
      PUBLIC_URL: "",
      SWITCHBOARD_ADMIN_EMAIL: PROCESS_ADMIN.email,
      SWITCHBOARD_ADMIN_PASSWORD: PROCESS_ADMIN.password,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let tail = "";
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString("utf8")).slice(-6000);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was healthy:\n${tail}`);
    const status = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })
      .then((res) => res.status)
      .catch(() => 0);
    if (status === 200) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server was not healthy within the deadline:\n${tail}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    output: () => tail,
    async kill9() {
      child.kill("SIGKILL");
      await exited(child);
    },
    async stop() {
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.kill("SIGTERM");
      await exited(child);
      clearTimeout(timer);
    },
  };
}
