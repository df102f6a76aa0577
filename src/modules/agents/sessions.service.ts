/** Console sessions: log in, authenticate a token, list and end sessions, change the password, expire idle sessions. */
import { createHash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { SessionDTO, SessionEndReason } from "../../contracts/api.ts";
import type { Database } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import {
  deleteExpiredSessions,
  deleteSessionByToken,
  deleteUserSession,
  deleteUserSessions,
  findSessionById,
  findSessionWithUser,
  findUser,
  findUserByEmail,
  insertSession,
  listUserSessions,
  touchSession,
  updatePasswordHash,
  type EndedSession,
  type UserRow,
} from "./agents.repo.ts";

/** How long sessions last: idle time without a request, and the absolute lifetime from login. */
export type SessionSettings = { idleMs: number; maxAgeMs: number };

/** SESSION_IDLE_MINUTES = 480 and SESSION_MAX_AGE_HOURS = 168, for deps built without a configuration. */
export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMs: 480 * 60_000, maxAgeMs: 168 * 3_600_000 };

/** A session's last use is written at most this often, so requests do not each cost a write. */
export const TOUCH_EVERY_MS = 60_000;

/**
 * Every console request authenticates, so a session is remembered for a few seconds. Ending a session removes it here
 * at once, and on other nodes when the realtime layer relays `session.ended` (one Redis message); were that message
 * lost, the other nodes would still forget it within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;

type Cached = { user: UserRow; sessionId: string; lastSeenAt: number; expiresAt: number };
const caches = new WeakMap<Database, LRUCache<string, Cached>>();

/**
 * Sessions ended recently, by id. A request or socket handshake that read its session just before it was deleted
 * must not put it back in the cache or join the session's room after the sockets were closed.
 */
const ENDED_MEMORY_MS = 60_000;
const endedByDb = new WeakMap<Database, LRUCache<string, SessionEndReason>>();

function endedOf(db: Database): LRUCache<string, SessionEndReason> {
  let ended = endedByDb.get(db);
  if (!ended) endedByDb.set(db, (ended = new LRUCache<string, SessionEndReason>({ max: 100_000, ttl: ENDED_MEMORY_MS })));
  return ended;
}

/** Why the session ended, when this node learnt in the last minute that it did (for a socket that authenticated just before). */
export function sessionEndReason(db: Database, sessionId: string): SessionEndReason | undefined {
  return endedOf(db).get(sessionId);
}

function cacheOf(db: Database): LRUCache<string, Cached> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new LRUCache<string, Cached>({ max: 10_000, ttl: SESSION_CACHE_MS })));
  return cache;
}

// Compared against when the email is unknown, so a wrong email costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The session lengths these deps use. */
export function sessionSettings(deps: Pick<ServiceDeps, "sessions">): SessionSettings {
  return deps.sessions ?? DEFAULT_SESSION_SETTINGS;
}

/** An authenticated request's user and session. */
export type AuthenticatedSession = { user: UserRow; sessionId: string };

/** Where a login came from, shown in the session list. */
export type ClientInfo = { userAgent: string | null; ip: string | null };

/** Checks credentials and opens a session; returns the user and the session token for the cookie. */
export async function login(
  deps: Pick<ServiceDeps, "db" | "now" | "sessions">,
  email: string,
  password: string,
  client: ClientInfo = { userAgent: null, ip: null },
): Promise<{ user: UserRow; token: string; sessionId: string; expiresAt: Date }> {
  const user = await findUserByEmail(deps.db, email);
  dummyHash ??= hashPassword("not-a-real-password");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  // A deactivated user is told nothing more than a wrong password would.
  if (!user || !ok || !user.active) throw new AppError("INVALID_CREDENTIALS");
  return openSession(deps, user, client);
}

/** Opens a session for a user whose credentials were checked (a login, or an accepted invite link). */
export async function openSession(
  deps: Pick<ServiceDeps, "db" | "now" | "sessions">,
  user: UserRow,
  client: ClientInfo,
): Promise<{ user: UserRow; token: string; sessionId: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + sessionSettings(deps).maxAgeMs);
  const session = await insertSession(deps.db, {
    tokenHash: hashToken(token),
    userId: user.id,
    createdAt: now,
    expiresAt,
    userAgent: client.userAgent?.slice(0, 500) ?? null,
    ip: client.ip,
  });
  return { user, token, sessionId: session.id, expiresAt };
}

/** Returns the user and session of a token, or undefined when it is unknown, expired or idle for too long (which ends it). */
export async function authenticate(deps: Pick<ServiceDeps, "db" | "now" | "events" | "sessions">, token: string | undefined): Promise<AuthenticatedSession | undefined> {
  if (!token) return undefined;
  const key = hashToken(token);
  const cache = cacheOf(deps.db);
  let entry = cache.get(key);
  if (!entry) {
    const row = await findSessionWithUser(deps.db, key);
    if (!row || !row.user.active || sessionEndReason(deps.db, row.session.id)) return undefined;
    entry = { user: row.user, sessionId: row.session.id, lastSeenAt: row.session.lastSeenAt.getTime(), expiresAt: row.session.expiresAt.getTime() };
    cache.set(key, entry);
  }
  const now = deps.now().getTime();
  if (now >= entry.expiresAt || now - entry.lastSeenAt > sessionSettings(deps).idleMs) {
    cache.delete(key);
    endSessions(deps, await deleteSessionByToken(deps.db, key), "expired");
    return undefined;
  }
  if (now - entry.lastSeenAt >= TOUCH_EVERY_MS) {
    entry.lastSeenAt = now;
    await touchSession(deps.db, key, new Date(now));
  }
  return { user: entry.user, sessionId: entry.sessionId };
}

/** Forgets ended sessions on this node and announces them, so their sockets close and the other nodes forget them too. */
function endSessions(deps: Pick<ServiceDeps, "db" | "events">, ended: EndedSession[], reason: SessionEndReason): void {
  if (ended.length === 0) return;
  forgetSessions(deps.db, ended.map((s) => s.id), reason);
  const byUser = new Map<string, string[]>();
  for (const s of ended) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s.id]);
  for (const [userId, sessionIds] of byUser) deps.events.emit("session.ended", { userId, sessionIds, reason });
}

/** Drops sessions from this node's cache (called for sessions another node ended). */
export function forgetSessions(db: Database, sessionIds: readonly string[], reason: SessionEndReason): void {
  if (sessionIds.length === 0) return;
  const ended = endedOf(db);
  for (const id of sessionIds) ended.set(id, reason);
  const cache = caches.get(db);
  if (!cache) return;
  const ids = new Set(sessionIds);
  for (const [key, entry] of cache.entries()) if (ids.has(entry.sessionId)) cache.delete(key);
}

/** Drops a user's cached sessions so the next request reads the user afresh (after a change to the user). */
export function forgetUser(db: Database, userId: string): void {
  const cache = caches.get(db);
  if (!cache) return;
  for (const [key, entry] of cache.entries()) if (entry.user.id === userId) cache.delete(key);
}

/** Ends the session of a token (logout). */
export async function logout(deps: Pick<ServiceDeps, "db" | "events">, token: string): Promise<void> {
  const key = hashToken(token);
  cacheOf(deps.db).delete(key);
  endSessions(deps, await deleteSessionByToken(deps.db, key), "logout");
}

/** Ends every session of a user, this one included ("log out everywhere"). */
export async function logoutEverywhere(deps: Pick<ServiceDeps, "db" | "events">, userId: string): Promise<void> {
  endSessions(deps, await deleteUserSessions(deps.db, userId), "logout_everywhere");
}

/** Ends one of the user's own sessions; another user's session id is SESSION_NOT_FOUND. */
export async function endUserSession(deps: Pick<ServiceDeps, "db" | "events">, userId: string, sessionId: string): Promise<void> {
  const ended = await deleteUserSession(deps.db, userId, sessionId);
  if (ended.length === 0) throw new AppError("SESSION_NOT_FOUND");
  endSessions(deps, ended, "revoked");
}

/** The id of the user a session belongs to; SESSION_NOT_FOUND when there is no such session. */
export async function sessionOwner(deps: Pick<ServiceDeps, "db">, sessionId: string): Promise<string> {
  const session = await findSessionById(deps.db, sessionId);
  if (!session) throw new AppError("SESSION_NOT_FOUND");
  return session.userId;
}

/** The user's live sessions, most recently used first, the current one marked. */
export async function listSessions(deps: Pick<ServiceDeps, "db" | "now" | "sessions">, userId: string, currentId: string): Promise<SessionDTO[]> {
  const now = deps.now().getTime();
  const { idleMs } = sessionSettings(deps);
  return (await listUserSessions(deps.db, userId))
    .filter((s) => s.expiresAt.getTime() > now && now - s.lastSeenAt.getTime() <= idleMs)
    .map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      ip: s.ip,
      current: s.id === currentId,
    }));
}

/** Changes the user's password after checking the current one, and ends every other session of theirs. */
export async function changePassword(
  deps: Pick<ServiceDeps, "db" | "events">,
  session: AuthenticatedSession,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const { user, sessionId } = session;
  const fresh = await findUser(deps.db, user.id);
  if (!fresh || !(await verifyPassword(currentPassword, fresh.passwordHash))) {
    throw new AppError("VALIDATION_FAILED", "The current password is wrong.", { currentPassword: "the current password is wrong" });
  }
  if (currentPassword === newPassword) {
    throw new AppError("VALIDATION_FAILED", "The new password is the current one.", { newPassword: "must differ from the current password" });
  }
  await updatePasswordHash(deps.db, user.id, await hashPassword(newPassword));
  forgetUser(deps.db, user.id);
  endSessions(deps, await deleteUserSessions(deps.db, user.id, sessionId), "password_changed");
}

/** Ends every session of a user an admin deactivated or whose password an admin reset, closing their console sockets. */
export async function endSessionsOfUser(deps: Pick<ServiceDeps, "db" | "events">, userId: string, reason: "deactivated" | "revoked"): Promise<void> {
  forgetUser(deps.db, userId);
  endSessions(deps, await deleteUserSessions(deps.db, userId), reason);
}

/** Deletes sessions past their lifetime or idle time and announces them (run every minute by the container). */
export async function endExpiredSessions(deps: Pick<ServiceDeps, "db" | "now" | "events" | "sessions">): Promise<number> {
  const now = deps.now();
  const ended = await deleteExpiredSessions(deps.db, now, new Date(now.getTime() - sessionSettings(deps).idleMs));
  endSessions(deps, ended, "expired");
  return ended.length;
}
