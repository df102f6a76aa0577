/** Console authentication: the session cookie, read here and attached to the request. */
import type { Request, RequestHandler } from "express";
import { AppError } from "../../errors.ts";
import { authenticate, type UserRow } from "../../modules/agents/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";

/** Name of the console session cookie. */
export const SESSION_COOKIE = "sb_session";

/** Reads one cookie from a Cookie header; a value with a bad %-escape counts as absent (the caller answers UNAUTHENTICATED). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeCookieValue(part.slice(eq + 1).trim());
  }
  return undefined;
}

function decodeCookieValue(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

const userKey = Symbol("user");

/** The authenticated user of a request that passed requireUser. */
export function currentUser(req: Request): UserRow {
  const user = (req as unknown as Record<symbol, UserRow | undefined>)[userKey];
  if (!user) throw new AppError("UNAUTHENTICATED");
  return user;
}

/** Rejects requests without a live session with 401 UNAUTHENTICATED. */
export function requireUser(deps: ServiceDeps): RequestHandler {
  return async (req, _res, next) => {
    const user = await authenticate(deps, readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!user) throw new AppError("UNAUTHENTICATED");
    (req as unknown as Record<symbol, UserRow>)[userKey] = user;
    next();
  };
}
