/** Every rate limit of the product behind one framework-free object: the HTTP middlewares and socket hooks call it, nothing else does. */
import type { Redis } from "ioredis";
import type { RateLimitSettings, RateRule } from "../config.ts";
import { RateLimitedError } from "../errors.ts";
import { digestKey, ipKey } from "./keys.ts";
import { createLimiterFactory, unlimited, type Limiter, type LimiterFactory } from "./limiter.ts";
import { createLoginGuard, type LoginGuard } from "./login-guard.ts";

/**
 * Who a REST request counts against: a console session (keyed by a digest of its token), an API key (by its id, one
 * bucket per key whichever address calls with it), or, without either, the client's address.
 */
export type ApiPrincipal = { kind: "session" | "apiKey" | "ip"; id: string };

/** The product's limits; each check throws RateLimitedError (RATE_LIMITED with the seconds to wait) when over. */
export type RateLimits = {
  login: LoginGuard;
  /** Checks a new /widget connection from an address: new connections per minute (cluster-wide) and its open connections on this node. */
  widgetConnect(ip: string | undefined): Promise<void>;
  /** Counts an accepted /widget connection as open on this node; call the returned function when it ends. */
  widgetConnected(ip: string | undefined): () => void;
  /** Counts a widget message of a visitor (any stable id of them) from an address. */
  widgetMessage(visitor: string, ip: string | undefined): Promise<void>;
  /** Counts a REST request of a principal. */
  api(principal: ApiPrincipal): Promise<void>;
};

// A concurrency limit has no window that ends: ask the client to come back after a while.
const CONCURRENT_RETRY_MS = 30_000;

/** Builds the limits over the container's Redis (keys under `<prefix>:rl:`); with no settings (RATE_LIMITS=off) nothing is limited. */
export function createRateLimits(redis: Redis, prefix: string, settings: RateLimitSettings | undefined): RateLimits {
  if (!settings) return noLimits();
  const factory = createLimiterFactory(redis, prefix);
  const make = (name: string, rule: RateRule | undefined): Limiter => (rule ? factory.limiter(name, rule) : unlimited);
  const perVisitor = visitorLimiter(factory, settings);
  const messagesPerIp = make("widget-messages-ip", settings.widgetMessagesPerIp);
  const connectsPerIp = make("widget-connects-ip", settings.widgetConnectionsPerIp);
  const apiLimiters: Record<ApiPrincipal["kind"], Limiter> = {
    session: make("api-session", settings.apiPerSession),
    apiKey: make("api-key", settings.apiPerKey),
    ip: make("api-ip", settings.apiPerIp),
  };
  // Open connections are counted per node, in memory: a node that crashed would otherwise leave its counts in Redis.
  // Counted once accepted (a refused handshake ends without an event), so handshakes in flight may pass the limit by a few.
  const open = new Map<string, number>();
  return {
    login: createLoginGuard(factory, settings),
    async widgetConnect(ip) {
      const key = ipKey(ip);
      const max = settings.widgetConcurrentPerIp;
      if (max !== undefined && (open.get(key) ?? 0) >= max) throw new RateLimitedError(CONCURRENT_RETRY_MS);
      await connectsPerIp.consume(key);
    },
    widgetConnected(ip) {
      const key = ipKey(ip);
      open.set(key, (open.get(key) ?? 0) + 1);
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
    },
    async widgetMessage(visitor, ip) {
      await Promise.all([perVisitor.consume(digestKey(visitor)), messagesPerIp.consume(ipKey(ip))]);
    },
    async api(principal) {
      await apiLimiters[principal.kind].consume(principal.kind === "ip" ? ipKey(principal.id) : digestKey(principal.id));
    },
  };
}

function visitorLimiter(factory: LimiterFactory, settings: RateLimitSettings): Limiter {
  const { widgetMessagesPerVisitor: rule, widgetMessagesBurst: burst } = settings;
  if (rule && burst) return factory.bursty("widget-messages-visitor", rule, burst);
  if (rule) return factory.limiter("widget-messages-visitor", rule);
  return unlimited;
}

function noLimits(): RateLimits {
  return {
    login: { begin: async () => ({ succeeded: async () => undefined }) },
    widgetConnect: async () => undefined,
    widgetConnected: () => () => undefined,
    widgetMessage: async () => undefined,
    api: async () => undefined,
  };
}
