/** REST rate limits: each request counts against its console session, or its client address when it has none. */
import type { RequestHandler } from "express";
import type { RateLimits } from "../../limits/index.ts";
import { authenticate } from "../../modules/agents/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { readCookie, SESSION_COOKIE } from "./auth.ts";

/**
 * Throws RATE_LIMITED (429 with Retry-After) once the principal is over its limit. Only a live session gets its own
 * bucket: an invented cookie counts against the address, so rotating cookies buys nothing. (API keys, when they exist,
 * are verified here too and counted as principal kind "apiKey".)
 */
export function apiRateLimit(limits: RateLimits, deps: ServiceDeps): RequestHandler {
  return async (req, _res, next) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const user = token ? await authenticate(deps, token).catch(() => undefined) : undefined;
    await limits.api(user && token ? { kind: "session", id: token } : { kind: "ip", id: req.ip ?? "" });
    next();
  };
}
