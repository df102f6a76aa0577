import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import type { InsightChurnDTO, InsightEscalationDTO, InsightResponseDTO, InsightSegmentsDTO, InsightStatusDTO } from "../../src/contracts/insights.ts";
import { api } from "../support/api-client.ts";
import { startCli, type StartedServer } from "../support/cli.ts";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const dir = mkdtempSync(path.join(tmpdir(), "switchboard-demo-insights-"));
const prefix = `sbtest:${randomUUID()}`;
let server: StartedServer | undefined;

afterAll(async () => {
  await server?.stop();
  const redis = new Redis(redisUrl);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe("the demo's first start", () => {
  it("queues an insights refresh after seeding: distinct segments, a readable churn rule, response scores and escalation rules, without a manager asking", async () => {
    server = await startCli(["--demo"], {
      DATA_DIR: dir,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: prefix,
      DATABASE_URL: "",
      SWITCHBOARD_ADMIN_PASSWORD: "admin-password-1",
      SWITCHBOARD_ADMIN_EMAIL: "",
      SWITCHBOARD_DEMO: "",
    });
    const manager = /Demo manager created: (\S+) with password (\S+)/.exec(server.stdout());
    expect(manager).not.toBeNull();
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: manager![1], password: manager![2] }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0];
    const get = async <T>(p: string): Promise<T> => (await api<{ data: T }>(server!.url, "GET", p, { cookie })).body.data;
    // Nobody asked for a refresh: the start queued one (a scheduled-style run).
    await expect.poll(async () => (await get<InsightStatusDTO>("/api/v1/insights/status")).lastSucceeded?.status ?? null, { timeout: 240_000, interval: 1000 }).toBe("succeeded");
    const status = await get<InsightStatusDTO>("/api/v1/insights/status");
    expect(status.lastSucceeded?.trigger).toBe("schedule");
    const segments = await get<InsightSegmentsDTO>("/api/v1/insights/segments");
    expect(segments.segments.length).toBeGreaterThanOrEqual(2);
    expect(new Set(segments.segments.map((s) => s.name)).size).toBe(segments.segments.length);
    const churn = await get<InsightChurnDTO>("/api/v1/insights/churn");
    expect(churn.rules.length).toBeGreaterThanOrEqual(1);
    expect(churn.rules[0].text).toMatch(/→ \d+ % churn, \d+ rows/);
    const response = await get<InsightResponseDTO>("/api/v1/insights/response");
    expect(response.status).toBe("ready");
    expect(response.campaigns).toBe(14);
    expect(response.models).toHaveLength(2);
    const escalation = await get<InsightEscalationDTO>("/api/v1/insights/escalation");
    expect(escalation.rules.length).toBeGreaterThanOrEqual(1);
  }, 600_000);
});
