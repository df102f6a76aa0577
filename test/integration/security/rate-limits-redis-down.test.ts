import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { RateLimitedError } from "../../../src/errors.ts";
import { createRateLimits, type RateLimits } from "../../../src/limits/index.ts";

/** A port nothing listens on: taken from the OS, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function outcome(check: Promise<unknown>): Promise<"allowed" | number> {
  try {
    await check;
    return "allowed";
  } catch (error) {
    if (error instanceof RateLimitedError) return error.retryAfterSec;
    throw error;
  }
}

describe("rate limits while Redis is down", () => {
  let redis: Redis;
  let limits: RateLimits;

  beforeAll(async () => {
    redis = new Redis(`redis://127.0.0.1:${await deadPort()}`, { maxRetriesPerRequest: 1 });
    redis.on("error", () => undefined);
    const config = loadConfig({
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "switchboard-limits-")),
      RATE_LIMIT_WIDGET_MESSAGES_VISITOR: "2/60",
      RATE_LIMIT_WIDGET_MESSAGES_BURST: "off",
      LOGIN_LOCKOUT_AFTER: "2",
      LOGIN_LOCKOUT_SECONDS: "30",
    });
    limits = createRateLimits(redis, "sbtest-down", config.rateLimits);
  });
  afterAll(() => {
    redis.disconnect();
  });

  it("still enforces each limit on this node, in memory, instead of waiting for Redis or letting everything through", async () => {
    expect(redis.status).not.toBe("ready");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await outcome(limits.widgetMessage("visitor-1", "198.51.100.1")));
    expect(answers.slice(0, 2)).toEqual(["allowed", "allowed"]);
    expect(answers[2]).toBeGreaterThanOrEqual(1);
    expect(answers[3]).toBeGreaterThanOrEqual(1);
    expect(await outcome(limits.widgetMessage("visitor-2", "198.51.100.2"))).toBe("allowed");
  });

  it("still locks an account after consecutive failed logins", async () => {
    await limits.login.begin("198.51.100.3", "someone@example.test");
    await limits.login.begin("198.51.100.3", "someone@example.test");
    expect(await outcome(limits.login.begin("198.51.100.4", "someone@example.test"))).toBe(30);
  });
});
