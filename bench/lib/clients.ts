/** Drives simulated widget customers spread over several worker processes (bench/workers/widget-clients.ts). */
import type { ChildProcess } from "node:child_process";
import { nextMessage, spawnTs, stopChild } from "./processes.ts";

type Worker = { child: ChildProcess; output(): string; count: number };

/** Merged outcome of one load phase over every worker. */
export type LoadResult = {
  sent: number;
  acked: number;
  ackErrors: number;
  ackErrorCodes: Record<string, number>;
  answered: number;
  lost: number;
  unsolicited: number;
  latencies: number[];
  /** per latency: when its message was sent, in ms after the load phase started */
  sentOffsets: number[];
  /** per latency: whether it was the customer's first message (which creates the customer and the conversation) */
  firstMessage: boolean[];
  ackLatencies: number[];
  connected: number;
};

/** A pool of connected customers. */
export type ClientPool = {
  connected: number;
  failed: number;
  connectMs: number;
  errors: Record<string, number>;
  load(options: { ratePerSec: number; seconds: number; texts: readonly string[]; drainMs: number; ackTimeoutMs?: number }): Promise<LoadResult>;
  /** Every `every`-th customer of each worker sends one message; returns the conversation ids from the acknowledgements. */
  sendOnce(every: number, text: string): Promise<{ conversationIds: string[]; failed: number }>;
  broadcastReport(): Promise<{ clients: number; connected: number; receivedAgentMessage: number; disconnects: number }>;
  close(): Promise<void>;
};

/** The visitor ids connectClients gives its customers (seeding can create their conversations beforehand). */
export function visitorIdsFor(idPrefix: string, count: number, workers: number): string[] {
  const n = Math.max(1, Math.min(workers, count));
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const perWorker = Math.floor(count / n) + (i < count % n ? 1 : 0);
    for (let j = 0; j < perWorker; j++) ids.push(`${idPrefix}w${i}-${j}`);
  }
  return ids;
}

/** Starts `workers` processes and connects `count` customers (visitor ids idPrefix + index, per worker) to url. */
export async function connectClients(options: {
  url: string;
  count: number;
  workers: number;
  idPrefix: string;
  concurrency?: number;
  timeoutMs?: number;
  /** Extra node flags for the workers (e.g. a bigger heap). */
  nodeArgs?: string[];
}): Promise<ClientPool> {
  const n = Math.max(1, Math.min(options.workers, options.count));
  const workers: Worker[] = [];
  for (let i = 0; i < n; i++) {
    const count = Math.floor(options.count / n) + (i < options.count % n ? 1 : 0);
    const { child, output } = spawnTs("bench/workers/widget-clients.ts", [], {}, options.nodeArgs ?? []);
    workers.push({ child, output, count });
  }
  await Promise.all(workers.map((w) => nextMessage(w.child, "ready", 60_000, w.output)));
  const started = performance.now();
  const connected = await Promise.all(
    workers.map((w, i) => {
      const reply = nextMessage<{ type: string; connected: number; failed: number; errors: Record<string, number> }>(w.child, "connected", 600_000, w.output);
      w.child.send({
        type: "connect",
        url: options.url,
        count: w.count,
        idPrefix: `${options.idPrefix}w${i}-`,
        concurrency: options.concurrency ?? 50,
        timeoutMs: options.timeoutMs ?? 20_000,
      });
      return reply;
    }),
  );
  const connectMs = performance.now() - started;
  const errors: Record<string, number> = {};
  for (const c of connected) for (const [k, v] of Object.entries(c.errors)) errors[k] = (errors[k] ?? 0) + v;

  return {
    connected: connected.reduce((s, c) => s + c.connected, 0),
    failed: connected.reduce((s, c) => s + c.failed, 0),
    connectMs,
    errors,
    async load(load) {
      const results = await Promise.all(
        workers.map((w) => {
          const reply = nextMessage<LoadResult & { type: string }>(w.child, "loadResult", (load.seconds + 60) * 1000 + load.drainMs, w.output);
          w.child.send({ type: "load", ratePerSec: load.ratePerSec, seconds: load.seconds, texts: [...load.texts], drainMs: load.drainMs, ackTimeoutMs: load.ackTimeoutMs ?? 10_000 });
          return reply;
        }),
      );
      const codes: Record<string, number> = {};
      for (const r of results) for (const [k, v] of Object.entries(r.ackErrorCodes)) codes[k] = (codes[k] ?? 0) + v;
      const sum = (key: "sent" | "acked" | "ackErrors" | "answered" | "lost" | "unsolicited" | "connected"): number => results.reduce((s, r) => s + r[key], 0);
      return {
        sent: sum("sent"),
        acked: sum("acked"),
        ackErrors: sum("ackErrors"),
        ackErrorCodes: codes,
        answered: sum("answered"),
        lost: sum("lost"),
        unsolicited: sum("unsolicited"),
        connected: sum("connected"),
        latencies: results.flatMap((r) => r.latencies),
        sentOffsets: results.flatMap((r) => r.sentOffsets),
        firstMessage: results.flatMap((r) => r.firstMessage),
        ackLatencies: results.flatMap((r) => r.ackLatencies),
      };
    },
    async sendOnce(every, text) {
      const results = await Promise.all(
        workers.map((w) => {
          const reply = nextMessage<{ type: string; conversationIds: string[]; failed: number }>(w.child, "sent-once", 300_000, w.output);
          w.child.send({ type: "send-once", every, text });
          return reply;
        }),
      );
      return { conversationIds: results.flatMap((r) => r.conversationIds), failed: results.reduce((s, r) => s + r.failed, 0) };
    },
    async broadcastReport() {
      const results = await Promise.all(
        workers.map((w) => {
          const reply = nextMessage<{ type: string; clients: number; connected: number; receivedAgentMessage: number; disconnects: number }>(w.child, "broadcast", 30_000, w.output);
          w.child.send({ type: "broadcast-report" });
          return reply;
        }),
      );
      return {
        clients: results.reduce((s, r) => s + r.clients, 0),
        connected: results.reduce((s, r) => s + r.connected, 0),
        receivedAgentMessage: results.reduce((s, r) => s + r.receivedAgentMessage, 0),
        disconnects: results.reduce((s, r) => s + r.disconnects, 0),
      };
    },
    async close() {
      for (const w of workers) if (w.child.connected) w.child.send({ type: "close" });
      await Promise.all(workers.map((w) => new Promise<void>((resolve) => {
        const timer = setTimeout(() => void stopChild(w.child, 2000).then(resolve), 3000);
        if (w.child.exitCode !== null) { clearTimeout(timer); return resolve(); }
        w.child.once("exit", () => { clearTimeout(timer); resolve(); });
      })));
    },
  };
}
