/** Queries on users and sessions. */
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
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

/** Creates a user; the email is stored lower-cased. */
export async function insertUser(
  db: Database,
  values: { email: string; name: string; role: UserRow["role"]; passwordHash: string },
): Promise<UserRow> {
  const [row] = await db
    .insert(tables.users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning();
  return row;
}

/** Counts users with a role. */
export async function countUsersWithRole(db: Database, role: UserRow["role"]): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tables.users).where(eq(tables.users.role, role));
  return row.n;
}

/** Sets a user's presence. */
export async function updateUserStatus(db: Database, id: string, status: UserRow["status"]): Promise<UserRow | undefined> {
  const [row] = await db.update(tables.users).set({ status }).where(eq(tables.users.id, id)).returning();
  return row;
}

/** Stores a session by the hash of its token. */
export async function insertSession(db: Database, tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
  await db.insert(tables.sessions).values({ tokenHash, userId, expiresAt });
}

/** Finds the user of a live session. */
export async function findSessionUser(db: Database, tokenHash: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: tables.users })
    .from(tables.sessions)
    .innerJoin(tables.users, eq(tables.users.id, tables.sessions.userId))
    .where(and(eq(tables.sessions.tokenHash, tokenHash), gt(tables.sessions.expiresAt, now)))
    .limit(1);
  return row?.user;
}

/** Deletes a session (logout) and any expired ones. */
export async function deleteSession(db: Database, tokenHash: string, now: Date): Promise<void> {
  await db.delete(tables.sessions).where(eq(tables.sessions.tokenHash, tokenHash));
  await db.delete(tables.sessions).where(lt(tables.sessions.expiresAt, now));
}

/** Picks the online agent who was assigned least recently (round-robin) and stamps the assignment, atomically. */
export async function claimNextOnlineAgent(db: Database, now: Date): Promise<UserRow | undefined> {
  return db.transaction(async (tx) => {
    const [next] = await tx
      .select()
      .from(tables.users)
      .where(and(eq(tables.users.status, "online"), sql`${tables.users.role} in ('agent', 'manager', 'admin')`))
      .orderBy(sql`${tables.users.lastAssignedAt} asc nulls first`, asc(tables.users.createdAt))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!next) return undefined;
    const [row] = await tx.update(tables.users).set({ lastAssignedAt: now }).where(eq(tables.users.id, next.id)).returning();
    return row;
  });
}
