/** Agent use cases: log in and out, authenticate a session, set presence, create the first admin. */
import { createHash, randomBytes } from "node:crypto";
import { LRUCache } from "lru-cache";
import type { UserDTO } from "../../contracts/api.ts";
import { AppError } from "../../errors.ts";
import type { Database } from "../../db/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import {
  countUsersWithRole,
  deleteSession,
  findSessionUser,
  findUserByEmail,
  insertSession,
  insertUser,
  updateUserStatus,
  type UserRow,
} from "./agents.repo.ts";

/** How long a console session lasts. */
export const SESSION_TTL_MS = 7 * 24 * 3600 * 1000;

// Compared against when the email is unknown, so a wrong email costs as much time as a wrong password.
let dummyHash: Promise<string> | undefined;

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Presents a user for the console. */
export function presentUser(row: UserRow): UserDTO {
  return { id: row.id, email: row.email, name: row.name, role: row.role, status: row.status };
}

/** Checks credentials and opens a session; returns the user and the session token for the cookie. */
export async function login(deps: Pick<ServiceDeps, "db" | "now">, email: string, password: string): Promise<{ user: UserRow; token: string; expiresAt: Date }> {
  const user = await findUserByEmail(deps.db, email);
  dummyHash ??= hashPassword("not-a-real-password");
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyHash));
  if (!user || !ok) throw new AppError("INVALID_CREDENTIALS");
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(deps.now().getTime() + SESSION_TTL_MS);
  await insertSession(deps.db, hashToken(token), user.id, expiresAt);
  return { user, token, expiresAt };
}

/**
 * Every console request authenticates, so a session's user is remembered for a few seconds. Logging out and
 * presence changes made by this process take effect at once; on other nodes within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 5_000;
const sessionCaches = new WeakMap<Database, LRUCache<string, UserRow>>();

function sessionCache(db: Database): LRUCache<string, UserRow> {
  let cache = sessionCaches.get(db);
  if (!cache) sessionCaches.set(db, (cache = new LRUCache<string, UserRow>({ max: 10_000, ttl: SESSION_CACHE_MS })));
  return cache;
}

function forgetUserSessions(db: Database, userId: string): void {
  const cache = sessionCaches.get(db);
  if (!cache) return;
  for (const [key, user] of cache.entries()) if (user.id === userId) cache.delete(key);
}

/** Returns the user of a session token, or undefined when it is unknown or expired. */
export async function authenticate(deps: Pick<ServiceDeps, "db" | "now">, token: string | undefined): Promise<UserRow | undefined> {
  if (!token) return undefined;
  const key = hashToken(token);
  const cache = sessionCache(deps.db);
  const cached = cache.get(key);
  if (cached) return cached;
  const user = await findSessionUser(deps.db, key, deps.now());
  if (user) cache.set(key, user);
  return user;
}

/** Ends a session. */
export async function logout(deps: Pick<ServiceDeps, "db" | "now">, token: string): Promise<void> {
  const key = hashToken(token);
  sessionCache(deps.db).delete(key);
  await deleteSession(deps.db, key, deps.now());
}

/** Sets an agent online, away or offline and announces it. */
export async function setPresence(deps: ServiceDeps, userId: string, status: UserRow["status"]): Promise<UserRow> {
  const row = await updateUserStatus(deps.db, userId, status);
  forgetUserSessions(deps.db, userId);
  if (!row) throw new AppError("USER_NOT_FOUND");
  deps.events.emit("agent.updated", { userId });
  return row;
}

/** Creates a user with a hashed password. */
export async function createUser(
  deps: Pick<ServiceDeps, "db">,
  input: { email: string; name: string; role: UserRow["role"]; password: string },
): Promise<UserRow> {
  return insertUser(deps.db, { email: input.email, name: input.name, role: input.role, passwordHash: await hashPassword(input.password) });
}

/** When no admin exists yet, creates the first one; returns the password when it was generated (to print once). */
export async function ensureFirstAdmin(
  deps: Pick<ServiceDeps, "db">,
  given: { email?: string; password?: string },
): Promise<{ email: string; generatedPassword?: string } | undefined> {
  if ((await countUsersWithRole(deps.db, "admin")) > 0) return undefined;
  const email = given.email ?? "admin@switchboard.local";
  const password = given.password ?? randomBytes(12).toString("base64url");
  await createUser(deps, { email, name: "Admin", role: "admin", password });
  return { email, generatedPassword: given.password ? undefined : password };
}
