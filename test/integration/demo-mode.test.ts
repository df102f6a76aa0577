import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { startCli, type StartedServer } from "../support/cli.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const dirs: string[] = [];
const prefixes: string[] = [];
const servers: StartedServer[] = [];

/** Environment of one fresh install: its own data dir and Redis prefix, no preset admin password. */
function freshInstall(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), "switchboard-demo-mode-"));
  const prefix = `sbtest:${randomUUID()}`;
  dirs.push(dir);
  prefixes.push(prefix);
  return { DATA_DIR: dir, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, DATABASE_URL: "", SWITCHBOARD_ADMIN_PASSWORD: "", SWITCHBOARD_ADMIN_EMAIL: "", SWITCHBOARD_DEMO: "", ...extra };
}

async function login(url: string, email: string, password: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  await res.arrayBuffer();
  return res.status;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  const redis = new Redis(redisUrl);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("switchboard start: no default passwords", () => {
  it("without --demo creates only the first admin (password printed once) and a web inbox; the demo accounts do not exist", async () => {
    const server = await startCli([], freshInstall());
    servers.push(server);
    const out = server.stdout();
    const admin = /First admin created: (\S+) with password (\S+)/.exec(out);
    expect(admin?.[1]).toBe("admin@switchboard.local");
    expect(out).toContain("This password is shown only once");
    expect(out).not.toMatch(/Demo/);
    expect(out).toContain('Web inbox "website" created: embed the widget with data-inbox="website".');
    expect(await login(server.url, "admin@switchboard.local", admin?.[2] ?? "")).toBe(200);
    for (const email of ["alex@switchboard.local", "sam@switchboard.local", "morgan@switchboard.local"]) {
      expect(await login(server.url, email, "switchboard-demo")).toBe(401);
    }
    // The page at / embeds the widget for the install's own inbox, not the demo shop's.
    const page = await (await fetch(`${server.url}/`)).text();
    expect(page).toContain('data-inbox="website"');
    expect(page).toContain("Widget test page");
    expect(page).not.toContain("ORD-10001");
  }, 600_000);

  it("with --demo gives each demo account its own random password, printed once, and only that password logs it in", async () => {
    const server = await startCli(["--demo"], freshInstall({ SWITCHBOARD_ADMIN_PASSWORD: "admin-password-1" }));
    servers.push(server);
    const out = server.stdout();
    const accounts = [...out.matchAll(/Demo (agent|manager) created: (\S+) with password (\S+)/g)].map((m) => ({ role: m[1], email: m[2], password: m[3] }));
    expect(accounts.map((a) => `${a.role} ${a.email}`)).toEqual(["agent alex@switchboard.local", "agent sam@switchboard.local", "manager morgan@switchboard.local"]);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(3);
    expect(out).toContain("These passwords are shown only once.");
    expect(out).toContain("in demo mode");
    for (const account of accounts) {
      expect(await login(server.url, account.email, "switchboard-demo")).toBe(401);
      expect(await login(server.url, account.email, account.password)).toBe(200);
    }
    expect(await (await fetch(`${server.url}/`)).text()).toContain('data-inbox="demo"');
  }, 600_000);
});
