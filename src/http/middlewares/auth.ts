/**
 * Who is calling: a console user by the session cookie, or another system by an API key (`Authorization: Bearer
 * <token>`), read here once per request and attached to it.
 */
import type { Request, RequestHandler } from "express";
import { AppError } from "../../errors.ts";
import { authenticate, type AuthenticatedSession, type UserRow } from "../../modules/agents/index.ts";
import { apiKeyScopes, authenticateApiKey, type ApiKeyRow } from "../../modules/apikeys/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import type { Actor } from "../../modules/policy/index.ts";

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
const actorKey = Symbol("actor");
const identityKey = Symbol("identity");

/** What a request's credentials name: a live console session, a live API key, or nobody (with whether a Bearer token was sent). */
export type RequestIdentity =
  | { kind: "session"; token: string; session: AuthenticatedSession }
  | { kind: "api_key"; key: ApiKeyRow }
  | { kind: "none"; bearer: boolean };

/** The Bearer token of an Authorization header, if it has one. */
export function readBearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}

/**
 * Resolves the request's credentials once (the rate limiter and the route's guard both ask): a Bearer token is an API
 * key and nothing else, even when a cookie is sent too.
 */
export function identify(deps: ServiceDeps, req: Request): Promise<RequestIdentity> {
  const store = req as unknown as Record<symbol, Promise<RequestIdentity> | undefined>;
  store[identityKey] ??= resolveIdentity(deps, req);
  return store[identityKey];
}

async function resolveIdentity(deps: ServiceDeps, req: Request): Promise<RequestIdentity> {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const bearer = readBearer(authorization);
    const key = bearer ? await authenticateApiKey(deps, bearer) : undefined;
    return key ? { kind: "api_key", key } : { kind: "none", bearer: true };
  }
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const session = token ? await authenticate(deps, token) : undefined;
  return session && token ? { kind: "session", token, session } : { kind: "none", bearer: false };
}

/** The policy's view of whoever made a request that passed requireActor or requireUser. */
export function currentActor(req: Request): Actor {
  const actor = (req as unknown as Record<symbol, Actor | undefined>)[actorKey];
  if (!actor) throw new AppError("UNAUTHENTICATED");
  return actor;
}

function attach(req: Request, identity: RequestIdentity): void {
  const store = req as unknown as Record<symbol, unknown>;
  if (identity.kind === "session") {
    const { user } = identity.session;
    store[sessionKey] = identity.session;
    store[actorKey] = { kind: "user", id: user.id, role: user.role, name: user.name } satisfies Actor;
  } else if (identity.kind === "api_key") {
    const { key } = identity;
    store[actorKey] = { kind: "api_key", id: key.id, name: key.name, scopes: apiKeyScopes(key) } satisfies Actor;
  }
}

/**
 * Lets in a console session or an API key (401 UNAUTHENTICATED otherwise; what each may do is the policy's question,
 * asked by the route). For routes other systems may call: customers, companies, conversations, tickets, reports.
 */
export function requireActor(deps: ServiceDeps): RequestHandler {
  return async (req, _res, next) => {
    const identity = await identify(deps, req);
    if (identity.kind === "none") {
      throw new AppError("UNAUTHENTICATED", identity.bearer ? "The API key is unknown or revoked." : undefined);
    }
    attach(req, identity);
    next();
  };
}

/** The authenticated user and session of a request that passed requireUser. */
export function currentSession(req: Request): AuthenticatedSession {
  const session = (req as unknown as Record<symbol, AuthenticatedSession | undefined>)[sessionKey];
  if (!session) throw new AppError("UNAUTHENTICATED");
  return session;
}

/** The authenticated console user of a request that passed requireUser. */
export function currentUser(req: Request): UserRow {
  return currentSession(req).user;
}

/** Rejects requests without a live console session with 401 UNAUTHENTICATED (an API key is refused here: 403 FORBIDDEN). */
export function requireUser(deps: ServiceDeps): RequestHandler {
  return async (req, _res, next) => {
    const identity = await identify(deps, req);
    if (identity.kind === "api_key") throw new AppError("FORBIDDEN", "This route is for console sessions; an API key cannot use it.");
    if (identity.kind === "none") throw new AppError("UNAUTHENTICATED");
    attach(req, identity);
    next();
  };
}
