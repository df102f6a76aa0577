import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createQueueSystem, defineJob } from "../../../src/queue/index.ts";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

describe("scheduled jobs (bull repeatable jobs on the real Redis)", () => {
  const prefix = `sbtest:${randomUUID()}`;
  const redis = new Redis(REDIS_URL);
  let runs = 0;
  const job = defineJob<Record<string, never>>({ name: "email.poll", attempts: 1, perform: async () => void runs++ });
  const queue = createQueueSystem({ redisUrl: REDIS_URL, prefix, jobs: [job] as never[], process: true });
  afterAll(async () => {
    await queue.every("email.poll", 0);
    await queue.close();
    redis.disconnect();
  });
  const schedules = () => redis.zrange(`${prefix}:email.poll:repeat`, "0", "-1");

  it("runs a job again and again at its interval; a new interval replaces the old schedule, and 0 removes it", async () => {
    await queue.every("email.poll", 100);
    await expect.poll(() => runs, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(2);

    // A restart with another interval: one schedule, the new one.
    await queue.every("email.poll", 60_000);
    const kept = await schedules();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/:60000$/);

    await queue.every("email.poll", 0);
    expect(await schedules()).toHaveLength(0);
  });
});
