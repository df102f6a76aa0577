/** A Redis pub/sub channel every node of an installation hears: one node says something changed, the others reload it. */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { childLogger } from "../logger.ts";

const log = childLogger("broadcast");

/** One channel: `publish` reaches every other node's `onMessage` (never the sender's own). */
export type Broadcast = { publish(message: string): Promise<void>; close(): Promise<void> };

/** Subscribes to `channel` on its own connection (a subscribed connection can do nothing else). */
export function createBroadcast(redisUrl: string, channel: string, onMessage: (message: string) => void): Broadcast {
  const node = randomUUID();
  const subscriber = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const publisher = new Redis(redisUrl, { maxRetriesPerRequest: 2, lazyConnect: true });
  for (const connection of [subscriber, publisher]) connection.on("error", (error) => log.warn({ err: error, channel }, "redis connection error"));
  subscriber.subscribe(channel).catch((error: unknown) => log.warn({ err: error, channel }, "could not subscribe"));
  subscriber.on("message", (_channel: string, raw: string) => {
    const cut = raw.indexOf(":");
    if (raw.slice(0, cut) !== node) onMessage(raw.slice(cut + 1));
  });
  return {
    async publish(message) {
      await publisher.publish(channel, `${node}:${message}`);
    },
    async close() {
      subscriber.disconnect();
      publisher.disconnect();
    },
  };
}
