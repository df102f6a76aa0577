/** createTestApp(): the whole server in-process on a free port, with a fresh database (PGlite in memory by default), the real Redis under a private key prefix, and the demo data. */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createApp, type App } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { createContainer, type Container } from "../../src/container.ts";
import type { DatabaseTarget } from "../../src/db/index.ts";
import type { TurnTimings } from "../../src/modules/conversations/index.ts";
import { seedDemoData } from "../../src/db/seed/seed.ts";
import { ensureFirstAdmin } from "../../src/modules/agents/index.ts";
import { ensureDefaultInboxes } from "../../src/modules/inboxes/index.ts";
import { hashPassword } from "../../src/modules/agents/passwords.ts";
import { createAnalyzer, type Analyzer } from "../../src/nlp/index.ts";
import { freshMemoryDatabase } from "./database-template.ts";

/** Password of the seeded demo agents in tests. */
export const AGENT_PASSWORD = "agent-password-1";
/** Credentials of the first admin in tests. */
export const ADMIN = { email: "admin@example.test", password: "admin-password-1" };

let analyzer: Promise<Analyzer> | undefined;

/** A running test server. */
export type TestApp = {
  url: string;
  container: Container;
  app: App;
  inboxId: string;
  /** Logs a console user in and returns the Cookie header value. */
  login(email?: string, password?: string): Promise<string>;
  close(): Promise<void>;
};

/** Starts a server for one test file; call close() in afterAll. */
export async function createTestApp(
  options: {
    database?: DatabaseTarget;
    redisPrefix?: string;
    redisUrl?: string;
    now?: () => Date;
    env?: Record<string, string>;
    turnTimings?: TurnTimings;
    /** Load the demo CRM too (220 customers, companies, orders, notes, past conversations); off by default, since tests count rows. */
    demoCrm?: boolean;
  } = {},
): Promise<TestApp> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-test-"));
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    REDIS_URL: options.redisUrl ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    SWITCHBOARD_ADMIN_EMAIL: ADMIN.email,
    SWITCHBOARD_ADMIN_PASSWORD: ADMIN.password,
    // Test clients all come from 127.0.0.1 and send faster than people do: rate-limit tests turn the limits on with
    // small values through `env`; the others run without them.
    RATE_LIMITS: "off",
    ...options.env,
  });
  analyzer ??= createAnalyzer();
  const redisPrefix = options.redisPrefix ?? `sbtest:${randomUUID()}`;
  const container = await createContainer(config, {
    database: options.database ?? freshMemoryDatabase(),
    redisPrefix,
    analyzer: await analyzer,
    now: options.now,
    turnTimings: options.turnTimings,
  });
  // As `switchboard start --demo` does: the demo data, then the default inboxes (the Bot Framework one; no second web inbox).
  await seedDemoData(container.database.db, { agentPassword: AGENT_PASSWORD, hashPassword, crm: options.demoCrm ?? false });
  await ensureDefaultInboxes(container.database.db);
  await ensureFirstAdmin(container.deps, { email: ADMIN.email, password: ADMIN.password });
  // The demo inbox keeps its hours (SLA tests time tickets in them) but not its offline message, which would make what
  // customers receive depend on the wall clock; tests of the offline message set one with a fixed clock.
  await container.database.db.execute(sql`update inboxes set business_hours = jsonb_set(business_hours, '{offlineMessage}', '""') where id = 'demo' and business_hours is not null`);
  const app = createApp(container);
  await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", () => resolve()));
  const address = app.httpServer.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    container,
    app,
    inboxId: "demo",
    async login(email = ADMIN.email, password = email === ADMIN.email ? ADMIN.password : AGENT_PASSWORD) {
      const res = await fetch(`${url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers.get("set-cookie");
      if (!cookie) throw new Error("login set no cookie");
      return cookie.split(";")[0];
    },
    async close() {
      await app.stop();
      // Remove this run's queue and adapter keys so repeated test runs leave Redis clean.
      const keys = await container.redis.keys(`${redisPrefix}*`).catch(() => [] as string[]);
      if (keys.length) await container.redis.del(...keys).catch(() => undefined);
      await container.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
