import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntentTrainingDTO, KbArticleDTO, KbPreviewDTO } from "../../../src/contracts/knowledge.ts";
import { repoPath } from "../../../src/paths.ts";
import { createBroadcast } from "../../../src/queue/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const GIFT_EXAMPLES = [
  "can you gift wrap my order",
  "do you offer gift wrapping",
  "I want this wrapped as a present",
  "is gift wrap available",
  "please wrap the parcel as a gift",
  "how much does gift wrapping cost",
  "add gift wrapping to order ORD-10001",
  "can I get a gift box with a ribbon",
  "wrap it as a birthday present please",
  "gift wrapping option?",
  "could you put it in gift paper",
  "I need the item wrapped, it's a gift",
  "do you do present wrapping",
  "add a gift message and wrapping",
  "can the package be gift wrapped",
];
const NEW_PHRASE = "could you gift wrap the scarf I ordered";

async function preview(text: string): Promise<KbPreviewDTO> {
  const res = await api<{ data: KbPreviewDTO }>(t.url, "POST", "/api/v1/kb-articles/preview", { cookie: admin, body: { text } });
  expect(res.status).toBe(200);
  return res.body.data;
}

async function createArticle(body: Record<string, unknown>): Promise<KbArticleDTO> {
  const res = await api<{ data: KbArticleDTO }>(t.url, "POST", "/api/v1/kb-articles", { cookie: admin, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.data;
}

/** Polls a run until it is decided; returns it with every progress figure seen on the way. */
async function untilDone(id: string): Promise<{ run: IntentTrainingDTO; seen: number[] }> {
  const seen: number[] = [];
  for (;;) {
    const res = await api<{ data: IntentTrainingDTO }>(t.url, "GET", `/api/v1/intent-model/train/${id}`, { cookie: admin });
    expect(res.status).toBe(200);
    seen.push(res.body.data.progress);
    if (res.body.data.status === "succeeded" || res.body.data.status === "failed") return { run: res.body.data, seen };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe("retraining the intent model", () => {
  it("is refused, with both held-out accuracies, when new examples contradict another intent; the model in use stays", async () => {
    const inUse = t.container.analyzer.intentModel;
    // The team's own "cancel my order" examples, taught as "track my order": the model would confuse the two.
    const contradicting = readFileSync(repoPath("nlp-models/intents/cancel_order.txt"), "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .slice(0, 60);
    const article = await createArticle({ title: "Tracking (bad examples)", body: "Track it in your account.", intents: ["track_order"], examples: contradicting });
    const started = await api<{ data: IntentTrainingDTO }>(t.url, "POST", "/api/v1/intent-model/train", { cookie: admin, body: {} });
    expect(started.status).toBe(202);
    expect(started.body.data).toMatchObject({ status: "queued", accepted: null });
    const { run, seen } = await untilDone(started.body.data.id);
    expect(run).toMatchObject({ status: "succeeded", accepted: false, progress: 1, addedExamples: contradicting.length });
    expect(run.accuracyAfter!).toBeLessThan(run.accuracyBefore!);
    expect(run.reason).toContain(`${(run.accuracyBefore! * 100).toFixed(1)} %`);
    expect(run.reason).toContain(`${(run.accuracyAfter! * 100).toFixed(1)} %`);
    expect(seen.some((p) => p > 0 && p < 1)).toBe(true);
    expect(t.container.analyzer.intentModel).toBe(inUse);
    expect(existsSync(path.join(t.container.config.dataDir, "intent-model.json"))).toBe(false);
    expect((await preview("I want to cancel my order")).intent.name).toBe("cancel_order");
    expect((await api(t.url, "DELETE", `/api/v1/kb-articles/${article.id}`, { cookie: admin })).status).toBe(204);
  }, 900_000);

  it("is accepted when not worse: hot-swapped (a new phrase now classifies), kept under DATA_DIR, announced to the other nodes", async () => {
    const before = await preview(NEW_PHRASE);
    expect(before.intent.name).not.toBe("gift_wrapping");
    await createArticle({ title: "Gift wrapping", body: "Gift wrapping is **free**: tick *Gift wrap* at checkout.", intents: ["gift_wrapping"], examples: GIFT_EXAMPLES });
    const heard: string[] = [];
    const otherNode = createBroadcast(t.container.redisEndpoint.url, `${t.container.redisPrefix}:intent-model`, (message) => heard.push(message));
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const started = await api<{ data: IntentTrainingDTO }>(t.url, "POST", "/api/v1/intent-model/train", { cookie: admin, body: {} });
      expect(started.status).toBe(202);
      const again = await api<{ error: { code: string; existingId?: string } }>(t.url, "POST", "/api/v1/intent-model/train", { cookie: admin, body: {} });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatchObject({ code: "INTENT_TRAINING_RUNNING", existingId: started.body.data.id });
      const { run } = await untilDone(started.body.data.id);
      expect(run, run.reason ?? "").toMatchObject({ status: "succeeded", accepted: true, addedExamples: GIFT_EXAMPLES.length });
      expect(run.accuracyAfter!).toBeGreaterThanOrEqual(run.accuracyBefore!);
      expect(run.seconds!).toBeGreaterThan(0);
      const after = await preview(NEW_PHRASE);
      expect(after.intent.name).toBe("gift_wrapping");
      expect(after).toMatchObject({ decision: "answer", replies: ["Gift wrapping is free: tick Gift wrap at checkout."] });
      expect(existsSync(path.join(t.container.config.dataDir, "intent-model.json"))).toBe(true);
      expect(heard).toEqual([run.id]);
      const list = await api<{ data: IntentTrainingDTO[] }>(t.url, "GET", "/api/v1/intent-model/train", { cookie: admin });
      expect(list.body.data[0].id).toBe(run.id);
    } finally {
      await otherNode.close();
    }
  }, 900_000);
});
