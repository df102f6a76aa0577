/** Console authentication: the session cookie, read here and attached to the request. */
import type { Request, RequestHandler } from "express";
import { AppError } from "../../errors.ts";
import { authenticate, type AuthenticatedSession, type UserRow } from "../../modules/agents/index.ts";
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

const sessionKey = Symbol("session");

/** The authenticated user and session of a request that passed requireUser. */
export function currentSession(req: Request): AuthenticatedSession {
  const session = (req as unknown as Record<symbol, AuthenticatedSession | undefined>)[sessionKey];
  if (!session) throw new AppError("UNAUTHENTICATED");
  return session;
}

/** The authenticated user of a request that passed requireUser. */
export function currentUser(req: Request): UserRow {
  return currentSession(req).user;
}

/** Rejects requests without a live session with 401 UNAUTHENTICATED. */
export function requireUser(deps: ServiceDeps): RequestHandler {
  return async (req, _res, next) => {
    const session = await authenticate(deps, readCookie(req.headers.cookie, SESSION_COOKIE));
    if (!session) throw new AppError("UNAUTHENTICATED");
    (req as unknown as Record<symbol, AuthenticatedSession>)[sessionKey] = session;
    next();
  };
}
