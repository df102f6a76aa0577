/** The one wrapper around rate-limiter-flexible: named limiters on the shared Redis, with an in-memory stand-in while Redis is down. */
import type { Redis } from "ioredis";
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RateRule } from "../config.ts";
import { RateLimitedError } from "../errors.ts";
import { childLogger } from "../logger.ts";

const log = childLogger("limits");

/** One counter per key: consume() counts an action and throws RateLimitedError once the key is over its limit. */
export type Limiter = {
  /** Counts `points` actions for the key and returns how many the key has used in this window; throws RateLimitedError when over the limit. */
  consume(key: string, points?: number): Promise<number>;
  /** Refuses the key for the given seconds (consume throws until then). */
  block(key: string, seconds: number): Promise<void>;
  /** Forgets the key's count and block. */
  reset(key: string): Promise<void>;
};

type Store = { consume(key: string, points?: number): Promise<RateLimiterRes> };

/** Makes limiters whose keys live under `<prefix>:rl:<name>:` in Redis, shared by every node of the installation. */
export type LimiterFactory = {
  limiter(name: string, rule: RateRule): Limiter;
  /** A limiter that allows `rule` and, once that is spent, up to `burst` more (rate-limiter-flexible's BurstyRateLimiter). */
  bursty(name: string, rule: RateRule, burst: RateRule): Limiter;
};

/** Creates the factory over the container's Redis connection. */
export function createLimiterFactory(redis: Redis, prefix: string): LimiterFactory {
  const store = (name: string, rule: RateRule): RateLimiterRedis =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${prefix}:rl:${name}`,
      points: rule.points,
      duration: rule.durationSec,
      // While Redis is unreachable, each node enforces the same limit on its own rather than waiting for Redis or
      // letting everything through: an outage must not turn the limits off.
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${prefix}:rl:${name}`, points: rule.points, duration: rule.durationSec }),
    });
  const wrap = (name: string, counter: Store, blocker: RateLimiterRedis): Limiter => ({
    async consume(key, points = 1) {
      try {
        return (await counter.consume(key, points)).consumedPoints;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw new RateLimitedError(rejection.msBeforeNext);
        // Both Redis and the stand-in failed: a broken limiter must not take the product down with it.
        log.warn({ err: rejection, limiter: name }, "rate limiter unavailable; action allowed");
        return 0;
      }
    },
    async block(key, seconds) {
      await blocker.block(key, seconds).catch((error: unknown) => log.warn({ err: error, limiter: name }, "could not block a key"));
    },
    async reset(key) {
      await blocker.delete(key).catch((error: unknown) => log.warn({ err: error, limiter: name }, "could not reset a key"));
    },
  });
  return {
    limiter(name, rule) {
      const limiter = store(name, rule);
      return wrap(name, limiter, limiter);
    },
    bursty(name, rule, burst) {
      const main = store(name, rule);
      return wrap(name, new BurstyRateLimiter(main, store(`${name}:burst`, burst)), main);
    },
  };
}

/** A limiter that never refuses (a limit configured "off"). */
export const unlimited: Limiter = {
  consume: async () => 0,
  block: async () => undefined,
  reset: async () => undefined,
};
