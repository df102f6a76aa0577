/** Public entry of the queue layer: Redis discovery and bull-backed jobs. */
export { ensureRedis, freePort, RedisUnavailableError, type RedisEndpoint } from "./redis.ts";
export { defineJob, createQueueSystem, RetryLaterError, type JobAttempt, type JobDefinition, type QueueSystem } from "./jobs.ts";
export { createKeyedQueue, type KeyedQueue } from "./keyed-queue.ts";
export { createBroadcast, type Broadcast } from "./broadcast.ts";
