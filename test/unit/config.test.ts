import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config.ts";

const dataDir = (): string => mkdtempSync(path.join(tmpdir(), "switchboard-config-"));

describe("configuration", () => {
  it("uses the documented defaults", () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, pgliteSharedBuffers: "32MB", redisUrl: "redis://127.0.0.1:6379", redisUrlGiven: false });
  });

  it("runs no SMTP server unless SMTP_PORT is set; then listens on SMTP_HOST or HOST with EMAIL_MAX_BYTES, each checked", () => {
    expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({ smtp: undefined, emailMaxBytes: 10 * 1024 * 1024 });
    expect(loadConfig({ DATA_DIR: dataDir(), SMTP_PORT: "2525", HOST: "127.0.0.1", EMAIL_MAX_BYTES: "5000000" }).smtp).toEqual({ port: 2525, host: "127.0.0.1", maxBytes: 5_000_000 });
    expect(loadConfig({ DATA_DIR: dataDir(), SMTP_PORT: "25", SMTP_HOST: "0.0.0.0" }).smtp?.host).toBe("0.0.0.0");
    expect(() => loadConfig({ DATA_DIR: dataDir(), SMTP_PORT: "70000", EMAIL_MAX_BYTES: "10" })).toThrow(/SMTP_PORT[\s\S]*EMAIL_MAX_BYTES: must be at least 1024/);
  });

  it("polls IMAP mailboxes every IMAP_POLL_SECONDS (60 by default, 0 turns polling off), refusing an interval under 5 s", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).imapPollMs).toBe(60_000);
    expect(loadConfig({ DATA_DIR: dataDir(), IMAP_POLL_SECONDS: "0" }).imapPollMs).toBe(0);
    expect(loadConfig({ DATA_DIR: dataDir(), IMAP_POLL_SECONDS: "300" }).imapPollMs).toBe(300_000);
    expect(() => loadConfig({ DATA_DIR: dataDir(), IMAP_POLL_SECONDS: "2" })).toThrow(/IMAP_POLL_SECONDS: must be 0 \(off\) or at least 5/);
  });

  it("generates a session secret once and keeps it in DATA_DIR", () => {
    const dir = dataDir();
    const first = loadConfig({ DATA_DIR: dir }).sessionSecret;
    expect(first).toHaveLength(64);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(first);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(first);
  });

  it("generates a secrets key (sealing inbox settings) once into DATA_DIR, apart from the session secret, unless SECRETS_KEY is set", () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.secretsKey).toHaveLength(64);
    expect(config.secretsKey).not.toBe(config.sessionSecret);
    expect(readFileSync(path.join(dir, "secrets-key"), "utf8").trim()).toBe(config.secretsKey);
    expect(loadConfig({ DATA_DIR: dir }).secretsKey).toBe(config.secretsKey);
    expect(loadConfig({ DATA_DIR: dataDir(), SECRETS_KEY: "s".repeat(32) }).secretsKey).toBe("s".repeat(32));
    expect(() => loadConfig({ DATA_DIR: dataDir(), SECRETS_KEY: "short" })).toThrow(/SECRETS_KEY: must be at least 32 characters/);
  });

  it("retries channel delivery 5 times from 2 s by default, and names bad delivery settings", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).delivery).toEqual({ attempts: 5, backoffMs: 2000 });
    expect(loadConfig({ DATA_DIR: dataDir(), DELIVERY_ATTEMPTS: "3", DELIVERY_BACKOFF_MS: "50" }).delivery).toEqual({ attempts: 3, backoffMs: 50 });
    expect(() => loadConfig({ DATA_DIR: dataDir(), DELIVERY_ATTEMPTS: "0", DELIVERY_BACKOFF_MS: "soon" })).toThrow(/DELIVERY_ATTEMPTS: must be at least 1[\s\S]*DELIVERY_BACKOFF_MS/);
  });

  it("is in production mode unless SWITCHBOARD_DEMO is 1 or true, and names any other value", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "0" }).demo).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "1" }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "true" }).demo).toBe(true);
    expect(() => loadConfig({ DATA_DIR: dataDir(), SWITCHBOARD_DEMO: "yes" })).toThrow(/SWITCHBOARD_DEMO: must be 1 or 0/);
  });

  it("takes Bot Framework activities without a token only when BOTFRAMEWORK_ALLOW_UNAUTHENTICATED=1, and refuses that in production or beside MICROSOFT_APP_ID", () => {
    expect(loadConfig({ DATA_DIR: dataDir() }).botFramework.allowUnauthenticated).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir(), BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: "1", NODE_ENV: "development" }).botFramework.allowUnauthenticated).toBe(true);
    expect(() => loadConfig({ DATA_DIR: dataDir(), BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: "1", NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dataDir(), BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: "1", NODE_ENV: "production" })).toThrow(/BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: is refused when NODE_ENV=production/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: "1", MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000000" })).toThrow(/cannot be combined with MICROSOFT_APP_ID/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: "yes" })).toThrow(/BOTFRAMEWORK_ALLOW_UNAUTHENTICATED: must be 1 or 0/);
  });

  it("reports every invalid variable at once, by name", () => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir(), PORT: "eighty", DATABASE_URL: "mysql://x", SWITCHBOARD_ADMIN_EMAIL: "not-an-email" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain("PORT");
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("SWITCHBOARD_ADMIN_EMAIL");
  });

  it("reads rate limits as N/S with realistic defaults, and turns a limit or all of them off", () => {
    const defaults = loadConfig({ DATA_DIR: dataDir() }).rateLimits;
    expect(defaults).toMatchObject({
      loginPerIp: { points: 20, durationSec: 60 },
      loginLockoutAfter: 5,
      widgetMessagesPerVisitor: { points: 1, durationSec: 1 },
      widgetMessagesBurst: { points: 10, durationSec: 60 },
      widgetConcurrentPerIp: 100,
    });
    const tuned = loadConfig({ DATA_DIR: dataDir(), RATE_LIMIT_API_SESSION: "off", RATE_LIMIT_WIDGET_MESSAGES_IP: "50/10" }).rateLimits;
    expect(tuned?.apiPerSession).toBeUndefined();
    expect(tuned?.widgetMessagesPerIp).toEqual({ points: 50, durationSec: 10 });
    expect(loadConfig({ DATA_DIR: dataDir(), RATE_LIMITS: "off" }).rateLimits).toBeUndefined();
  });

  it("rejects a malformed rate limit by name", () => {
    expect(() => loadConfig({ DATA_DIR: dataDir(), RATE_LIMIT_LOGIN_IP: "ten per minute" })).toThrow(/RATE_LIMIT_LOGIN_IP/);
    expect(() => loadConfig({ DATA_DIR: dataDir(), RATE_LIMIT_LOGIN_IP: "10/0" })).toThrow(/RATE_LIMIT_LOGIN_IP/);
  });

  it("takes PGlite's shared_buffers as a PostgreSQL size of at least 128kB", () => {
    expect(loadConfig({ DATA_DIR: dataDir(), PGLITE_SHARED_BUFFERS: "256MB" }).pgliteSharedBuffers).toBe("256MB");
    for (const bad of ["32", "32 MB", "0MB", "64kB", "lots"]) {
      expect(() => loadConfig({ DATA_DIR: dataDir(), PGLITE_SHARED_BUFFERS: bad }), bad).toThrow(/PGLITE_SHARED_BUFFERS/);
    }
  });
});
