/** REST rate limits: each request counts against its console session, or its client address when it has none. */
import type { RequestHandler } from "express";
import type { RateLimits } from "../../limits/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import { identify } from "./auth.ts";

/**
 * Throws RATE_LIMITED (429 with Retry-After) once the principal is over its limit. Only a live session or a live API
 * key gets its own bucket: an invented cookie or token counts against the address, so rotating them buys nothing.
 */
export function apiRateLimit(limits: RateLimits, deps: ServiceDeps): RequestHandler {
  return async (req, _res, next) => {
    const identity = await identify(deps, req).catch(() => ({ kind: "none" as const }));
    if (identity.kind === "session") await limits.api({ kind: "session", id: identity.token });
    else if (identity.kind === "api_key") await limits.api({ kind: "apiKey", id: identity.key.id });
    else await limits.api({ kind: "ip", id: req.ip ?? "" });
    next();
  };
}
