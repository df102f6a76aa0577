/** Cross-site request protection: cookie-authenticated and state-changing API requests from a browser must come from the console's own origin. */
import type { RequestHandler } from "express";
import { AppError } from "../../errors.ts";
import { readCookie, SESSION_COOKIE } from "./auth.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Whether an Origin header names the console's origin: PUBLIC_URL's when set, else the request's own Host. */
export function isConsoleOrigin(origin: string, host: string | undefined, publicUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) or garbage
  }
  if (publicUrl) return parsed.origin === new URL(publicUrl).origin;
  return host !== undefined && parsed.host === host.toLowerCase();
}

/**
 * Refuses with 403 FORBIDDEN a request whose Origin header names another site when it carries the session cookie or
 * changes something (any method but GET, HEAD, OPTIONS; logging in included). A request without Origin is not a
 * browser page's cross-site request (browsers send Origin on those) and passes: curl, scripts, servers.
 */
export function requireConsoleOrigin(publicUrl: string | undefined): RequestHandler {
  return (req, _res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    const hasSession = readCookie(req.headers.cookie, SESSION_COOKIE) !== undefined;
    if (!hasSession && SAFE_METHODS.has(req.method)) return next();
    if (isConsoleOrigin(origin, req.headers.host, publicUrl)) return next();
    throw new AppError("FORBIDDEN", "Requests from another site are not allowed; use the console at its own address.");
  };
}
