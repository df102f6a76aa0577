/** Queries on users and sessions. */
import { and, asc, desc, eq, inArray, lt, lte, ne, or, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A user row. */
export type UserRow = typeof tables.users.$inferSelect;

/** Finds a user by email (stored lower-cased). */
export async function findUserByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(tables.users).where(eq(tables.users.email, email.toLowerCase())).limit(1);
  return row;
}

/** Finds a user by id. */
export async function findUser(db: Database, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(tables.users).where(eq(tables.users.id, id)).limit(1);
  return row;
}

/** Deletes a user who was just created and never used (an invite whose mail could not be sent); their rows cascade. */
export async function deleteUserRow(db: Database, id: string): Promise<void> {
  await db.delete(tables.users).where(eq(tables.users.id, id));
}

/** Creates a user; the email is stored lower-cased. */
export async function insertUser(
  db: Database,
  values: { email: string; name: string; role: UserRow["role"]; passwordHash: string } & Partial<Pick<UserRow, "skills" | "capacity">>,
): Promise<UserRow> {
  const [row] = await db
    .insert(tables.users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning();
  return row;
}

/** Every user, by name. */
export async function listAllUsers(db: Database): Promise<UserRow[]> {
  return db.select().from(tables.users).orderBy(asc(tables.users.name), asc(tables.users.email));
}

/** Counts users with a role. */
export async function countUsersWithRole(db: Database, role: UserRow["role"]): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.users).where(eq(tables.users.role, role));
  return row.n;
}

/** A session row. */
export type SessionRow = typeof tables.sessions.$inferSelect;

/** An ended session: which one and whose. */
export type EndedSession = { id: string; userId: string };

/** Stores a session by the hash of its token; returns its id. */
export async function insertSession(
  db: Database,
  values: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date; userAgent: string | null; ip: string | null },
): Promise<SessionRow> {
  const [row] = await db
    .insert(tables.sessions)
    .values({ ...values, lastSeenAt: values.createdAt })
    .returning();
  return row;
}

/** Finds a session by the hash of its token, with its user, whether or not it has expired. */
export async function findSessionWithUser(db: Database, tokenHash: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ session: tables.sessions, user: tables.users })
    .from(tables.sessions)
    .innerJoin(tables.users, eq(tables.users.id, tables.sessions.userId))
    .where(eq(tables.sessions.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** Finds a session by its public id. */
export async function findSessionById(db: Database, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(tables.sessions).where(eq(tables.sessions.id, id)).limit(1);
  return row;
}

/** Records that a session was used. */
export async function touchSession(db: Database, tokenHash: string, at: Date): Promise<void> {
  await db.update(tables.sessions).set({ lastSeenAt: at }).where(eq(tables.sessions.tokenHash, tokenHash));
}

/** A user's sessions, most recently used first. */
export async function listUserSessions(db: Database, userId: string): Promise<SessionRow[]> {
  return db.select().from(tables.sessions).where(eq(tables.sessions.userId, userId)).orderBy(desc(tables.sessions.lastSeenAt));
}

const ended = { id: tables.sessions.id, userId: tables.sessions.userId };

/** Deletes the session with this token hash. */
export async function deleteSessionByToken(db: Database, tokenHash: string): Promise<EndedSession[]> {
  return db.delete(tables.sessions).where(eq(tables.sessions.tokenHash, tokenHash)).returning(ended);
}

/** Deletes one of a user's sessions by id (nothing when the id is another user's). */
export async function deleteUserSession(db: Database, userId: string, id: string): Promise<EndedSession[]> {
  return db
    .delete(tables.sessions)
    .where(and(eq(tables.sessions.userId, userId), eq(tables.sessions.id, id)))
    .returning(ended);
}

/** Deletes all of a user's sessions, or all but one. */
export async function deleteUserSessions(db: Database, userId: string, exceptId?: string): Promise<EndedSession[]> {
  return db
    .delete(tables.sessions)
    .where(and(eq(tables.sessions.userId, userId), exceptId ? ne(tables.sessions.id, exceptId) : undefined))
    .returning(ended);
}

/** Deletes sessions past their absolute lifetime or idle for longer than allowed. */
export async function deleteExpiredSessions(db: Database, now: Date, idleSince: Date): Promise<EndedSession[]> {
  return db
    .delete(tables.sessions)
    .where(or(lte(tables.sessions.expiresAt, now), lt(tables.sessions.lastSeenAt, idleSince)))
    .returning(ended);
}

/** Replaces a user's password hash. */
export async function updatePasswordHash(db: Database, userId: string, passwordHash: string): Promise<void> {
  await db.update(tables.users).set({ passwordHash }).where(eq(tables.users.id, userId));
}

/** The fields of a user an admin may change. */
export type UserChanges = Partial<Pick<UserRow, "name" | "role" | "active" | "skills" | "capacity" | "status" | "passwordHash">>;

/** Applies an admin's change to a user and returns the row (undefined when there is no such user). */
export async function updateUserRow(db: Database, id: string, changes: UserChanges): Promise<UserRow | undefined> {
  if (Object.keys(changes).length === 0) return findUser(db, id);
  const [row] = await db.update(tables.users).set(changes).where(eq(tables.users.id, id)).returning();
  return row;
}

/** Counts the active admins. */
export async function countActiveAdmins(db: Database): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(tables.users)
    .where(and(eq(tables.users.role, "admin"), eq(tables.users.active, true)));
  return row.n;
}

/** The ids of the teams each of these users belongs to. */
export async function teamIdsOfUsers(db: Database, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .select({ userId: tables.teamMembers.userId, teamId: tables.teamMembers.teamId })
    .from(tables.teamMembers)
    .where(inArray(tables.teamMembers.userId, userIds));
  for (const row of rows) result.get(row.userId)?.push(row.teamId);
  return result;
}

/** Which of these team ids exist. */
export async function existingTeamIds(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: tables.teams.id }).from(tables.teams).where(inArray(tables.teams.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Replaces the teams a user belongs to. */
export async function replaceUserTeams(db: Database, userId: string, teamIds: string[]): Promise<void> {
  await db.delete(tables.teamMembers).where(eq(tables.teamMembers.userId, userId));
  if (teamIds.length) await db.insert(tables.teamMembers).values(teamIds.map((teamId) => ({ teamId, userId })));
}
