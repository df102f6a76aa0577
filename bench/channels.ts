/**
 * `channels`: a Telegram webhook at a fixed rate (200/s) to stored message and acknowledged (p99), and the
 * `message.deliver` job's throughput to a local fake Bot API (messages/s), against one server process with its
 * PGlite DATA_DIR and a private Redis. The email part is in bench/channels-email.ts.
 */
import { emailBench } from "./channels-email.ts";
import type { BenchArgs } from "./lib/args.ts";
import { startFakeBotApi, type FakeBotApi } from "./lib/fake-bot-api.ts";
import { httpLoad } from "./lib/http-load.ts";
import { pacedLoad, type PacedOutcome } from "./lib/paced-load.ts";
import { meterProcess } from "./lib/proc.ts";
import { login, progress, sleep, startRedis, startServer, tempDir, waitQueuesIdle } from "./lib/processes.ts";
import { round } from "./lib/stats.ts";
import { keyValues } from "./lib/table.ts";

const BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const SECRET = "bench-webhook-secret-0123456789";
const TEXTS = [
  "Hi, where is my order?",
  "Do you ship to Norway?",
  "How do I return a jacket that does not fit?",
  "My parcel arrived damaged, what can I do?",
  "Thanks, that helps!",
  "Can I change the delivery address?",
];

/** One Telegram Update from a private chat (chat id = user id, as Telegram does). */
function update(id: number, chat: number): string {
  return JSON.stringify({
    update_id: id,
    message: { message_id: id, from: { id: chat, is_bot: false, first_name: "Bench", last_name: `Customer ${chat}` }, chat: { id: chat, type: "private" }, date: 1_765_000_000, text: TEXTS[id % TEXTS.length] },
  });
}

async function json<T>(url: string, method: string, cookie: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: { cookie, "content-type": "application/json", origin: new URL(url).origin }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Up to `max` Telegram conversation ids, newest first. */
async function telegramConversations(url: string, cookie: string, max: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: { id: string }[]; nextCursor: string | null } = await json(`${url}/api/v1/conversations?channel=telegram&status=all&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, "GET", cookie);
    ids.push(...page.data.map((c) => c.id));
    cursor = page.nextCursor;
  } while (cursor && ids.length < max);
  return ids;
}

/** Pauses message.deliver cluster-wide (bull's global pause), queues `messages` agent replies, resumes and times the sends. */
async function outboundPhase(options: { url: string; redisUrl: string; cookie: string; fake: FakeBotApi; conversationIds: string[]; messages: number }) {
  const { default: Bull } = await import("bull");
  const queue = new Bull("message.deliver", options.redisUrl, { prefix: "switchboard" });
  try {
    await queue.pause();
    const before = options.fake.sentAt.length;
    const port = Number(new URL(options.url).port);
    const created = await httpLoad({
      port,
      connections: 20,
      seconds: 600,
      maxRequests: options.messages,
      next: (i) => ({
        method: "POST",
        path: `/api/v1/conversations/${options.conversationIds[i % options.conversationIds.length]}/messages`,
        headers: { cookie: options.cookie, origin: options.url },
        body: JSON.stringify({ text: `Agent reply ${i}: your order has shipped and should arrive on Thursday.` }),
      }),
    });
    const queued = created.statusCounts["201"] ?? 0;
    progress(`outbound: ${queued} replies queued behind the pause (${created.rps} replies/s, errors ${created.errors})`);
    if (options.fake.sentAt.length !== before) throw new Error("replies were sent while the queue was paused");
    const resumedAt = performance.now();
    await queue.resume();
    const deadline = resumedAt + 300_000;
    while (options.fake.sentAt.length - before < queued && performance.now() < deadline) await sleep(10);
    const sent = options.fake.sentAt.length - before;
    const seconds = ((options.fake.sentAt.at(-1) ?? resumedAt) - resumedAt) / 1000;
    return { perSecond: seconds > 0 ? round(sent / seconds, 1) : null, messages: sent, queued, seconds: round(seconds), replyCreationRps: created.rps };
  } finally {
    await queue.close();
  }
}

/**
 * Runs the benchmark: `--rate 200` webhooks/s for `--seconds 10` (after `--warmup 2`) over `--chats 1000` chats;
 * `--outbound 5000` replies through message.deliver; then `--mails 300` inbound emails after `--mail-warmup 30`
 * (bench/channels-email.ts, with a server of its own).
 */
export async function run(args: BenchArgs): Promise<Record<string, unknown>> {
  const chat = await webhookAndOutbound(args);
  const email = await emailBench({ n: args.num("mails", 300), warmup: args.num("mail-warmup", 30) });
  progress(`email: p50 ${email.p50Ms} ms, p99 ${email.p99Ms} ms over ${email.mails} mails`);
  return { webhook: chat.webhook, email, outbound: chat.outbound, setup: chat.setup };
}

/** The Telegram webhook's p99 at a fixed rate, then message.deliver's throughput, on one server. */
async function webhookAndOutbound(args: BenchArgs): Promise<Record<string, unknown>> {
  const rate = args.num("rate", 200);
  const seconds = args.num("seconds", 10);
  const warmup = args.num("warmup", 2);
  const chats = args.num("chats", 1000);
  const messages = args.num("outbound", 5000);
  const redis = await startRedis();
  const data = tempDir("channels");
  const fake = await startFakeBotApi();
  const server = await startServer({ dataDir: data.dir, redisUrl: redis.url });
  progress(`server ready in ${Math.round(server.readyMs)} ms (pid ${server.pid})`);
  try {
    const cookie = await login(server.url);
    const inbox = await json<{ data: { id: string } }>(`${server.url}/api/v1/inboxes`, "POST", cookie, {
      name: "Bench Telegram",
      channel: "telegram",
      settings: { botToken: BOT_TOKEN, webhookSecret: SECRET, apiBaseUrl: fake.url },
    });
    const port = Number(new URL(server.url).port);
    let updateId = 0;
    const next = () => {
      const id = ++updateId;
      return { method: "POST", path: `/channels/telegram/${inbox.data.id}`, headers: { "x-telegram-bot-api-secret-token": SECRET }, body: update(id, 100_000 + (id % chats)) };
    };
    await pacedLoad({ port, rate, seconds: warmup, next });
    const meter = meterProcess(server.pid);
    const webhook: PacedOutcome = await pacedLoad({ port, rate, seconds, next });
    const usage = meter.stop();
    progress(`webhook: ${webhook.rps}/s of ${rate}, p50 ${webhook.p50Ms} ms, p99 ${webhook.p99Ms} ms, errors ${webhook.errors}, cpu ${usage.cpuCores}`);
    // The bot's answers to those messages go out first, so they do not count as the outbound phase's.
    await waitQueuesIdle(redis.url);
    await sleep(1000);
    await waitQueuesIdle(redis.url);
    const conversationIds = await telegramConversations(server.url, cookie, chats);
    const outbound = await outboundPhase({ url: server.url, redisUrl: redis.url, cookie, fake, conversationIds, messages });
    progress(`outbound: ${outbound.messages} sent in ${outbound.seconds} s = ${outbound.perSecond}/s`);
    return {
      webhook: { rps: webhook.rps, p99Ms: webhook.p99Ms, p50Ms: webhook.p50Ms, maxMs: webhook.maxMs, targetRps: rate, requests: webhook.requests, errors: webhook.errors, statusCounts: webhook.statusCounts, serverCpuCores: usage.cpuCores },
      outbound,
      setup: {
        webhook: `open loop (bench/lib/paced-load.ts): ${rate} Telegram Updates/s for ${seconds} s after ${warmup} s of warm-up, over ${chats} chats; latency from each request's scheduled time to the 200, which comes after the message is committed (the bot's answers run after it, and their deliveries to the fake Bot API in the background)`,
        outbound: `message.deliver paused cluster-wide (bull's global pause), ${messages} agent replies queued through the REST API, then resumed: replies/s from the resume to the fake Bot API's last sendMessage (20 concurrent jobs, the server's setting)`,
        server: "node bin/switchboard.js start --demo, PGlite in its DATA_DIR, a private redis-server; the fake Bot API (bench/lib/fake-bot-api.ts) and the load run in the bench process",
      },
    };
  } finally {
    await server.stop();
    await redis.stop();
    await fake.close();
    data.remove();
  }
}

/** Human-readable form. */
export function format(result: Record<string, unknown>): string {
  return keyValues(result);
}
