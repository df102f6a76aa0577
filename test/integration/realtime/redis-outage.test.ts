import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../../src/queue/index.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { say } from "../../../bots/strings.ts";
import { answeredMessages, ticketCounts } from "../../support/stored-answers.ts";
import { connectCustomer } from "../../support/widget-client.ts";

// A private redis-server that this test may stop without disturbing anything else.
let redis: ChildProcess;
let redisPort: number;
let t: TestApp;

function startRedis(): ChildProcess {
  return spawn("redis-server", ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--dir", mkdtempSync(path.join(tmpdir(), "sb-redis-"))], { stdio: "ignore" });
}

beforeAll(async () => {
  redisPort = await freePort();
  redis = startRedis();
  await new Promise((resolve) => setTimeout(resolve, 300));
  t = await createTestApp({ redisUrl: `redis://127.0.0.1:${redisPort}` });
});
afterAll(async () => {
  // Close while Redis is back, as an operator would: bull's close during an outage leaves rejections nobody can catch.
  await t?.close().catch(() => undefined);
  if (redis.exitCode === null) redis.kill("SIGKILL");
});

describe("when Redis goes down", () => {
  it("still acknowledges committed messages, the bot answers once, /healthz says Redis is down, and all recovers when it is back", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("hello");
    await customer.waitFor((m) => m.sender.type === "bot");

    const exited = new Promise((resolve) => redis.once("exit", resolve));
    redis.kill("SIGKILL");
    await exited;

    const ack = await customer.send("what payment methods do you accept?");
    expect(ack).toMatchObject({ id: expect.any(String) });
    const answer = await customer.waitFor((m) => m.sender.type === "bot" && /Visa/.test(m.text), 15_000);
    expect(answer.text).toMatch(/Mastercard/);

    const health = await fetch(`${t.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ checks: { database: "ok", redis: "down" } });

    redis = startRedis();
    await expect.poll(async () => (await fetch(`${t.url}/healthz`)).status, { timeout: 20_000, interval: 500 }).toBe(200);
    await customer.send("thank you");
    await customer.waitFor((m) => m.sender.type === "bot" && /welcome/i.test(m.text), 15_000);
    const history = (await customer.history()) as { text: string; sender: { type: string } }[];
    expect(history.filter((m) => m.sender.type === "bot" && /Visa/.test(m.text))).toHaveLength(1);
    customer.close();
  });

  it("when Redis stalls for longer than a queue would wait and then comes back, each message is answered once (no second turn, no hand-off)", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send("hello");
    await customer.waitFor((m) => m.sender.type === "bot");
    // A stalled Redis (the process stopped, its connections open) is slower than a dead one: nothing fails, nothing answers.
    redis.kill("SIGSTOP");
    try {
      const ack = (await customer.send("what will the weather be like in Lisbon this weekend")) as { id: string; conversationId: string };
      const answer = await customer.waitFor((m) => m.sender.type === "bot" && m.text === say.notUnderstood, 15_000);
      expect(answer.conversationId).toBe(ack.conversationId);
      // Longer than the 2 s after which queuing used to give up and run the turn in-process as well.
      await new Promise((resolve) => setTimeout(resolve, 3000));
    } finally {
      redis.kill("SIGCONT");
    }
    await expect.poll(async () => (await fetch(`${t.url}/healthz`)).status, { timeout: 20_000, interval: 500 }).toBe(200);
    await customer.send("thank you");
    await customer.waitFor((m) => m.sender.type === "bot" && /welcome/i.test(m.text), 15_000);
    const history = (await customer.history()) as { conversationId: string }[];
    const stored = await answeredMessages(t.container.database.db, [history[0].conversationId]);
    expect(stored.map((m) => m.replies.map((r) => `${r.senderType}: ${r.text}`))).toEqual([
      [expect.stringMatching(/^bot: /)],
      [`bot: ${say.notUnderstood}`],
      [expect.stringMatching(/^bot: .*welcome/i)],
    ]);
    expect((await ticketCounts(t.container.database.db)).get(history[0].conversationId) ?? 0).toBe(0);
    customer.close();
  });
});
