/** Queries on teams and their members. */
import { asc, eq, inArray } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** A team row. */
export type TeamRow = typeof tables.teams.$inferSelect;
/** A team with its members' ids. */
export type TeamWithMembers = TeamRow & { memberIds: string[] };

/** Every team by name, with its members. */
export async function listTeamRows(db: Database): Promise<TeamWithMembers[]> {
  const rows = await db.select().from(tables.teams).orderBy(asc(tables.teams.name));
  return withMembers(db, rows);
}

/** One team with its members. */
export async function findTeam(db: Database, id: string): Promise<TeamWithMembers | undefined> {
  const rows = await db.select().from(tables.teams).where(eq(tables.teams.id, id)).limit(1);
  return (await withMembers(db, rows))[0];
}

async function withMembers(db: Database, rows: TeamRow[]): Promise<TeamWithMembers[]> {
  if (rows.length === 0) return [];
  const members = await db
    .select({ teamId: tables.teamMembers.teamId, userId: tables.teamMembers.userId })
    .from(tables.teamMembers)
    .where(inArray(tables.teamMembers.teamId, rows.map((r) => r.id)));
  return rows.map((row) => ({ ...row, memberIds: members.filter((m) => m.teamId === row.id).map((m) => m.userId) }));
}

/** Inserts a team. */
export async function insertTeam(db: Database, values: { name: string; inboxIds: string[]; intents: string[] }): Promise<TeamRow> {
  const [row] = await db.insert(tables.teams).values(values).returning();
  return row;
}

/** Changes a team's name, inboxes or intents. */
export async function updateTeamRow(db: Database, id: string, changes: Partial<Pick<TeamRow, "name" | "inboxIds" | "intents">>): Promise<void> {
  if (Object.keys(changes).length) await db.update(tables.teams).set(changes).where(eq(tables.teams.id, id));
}

/** Replaces a team's members. */
export async function replaceTeamMembers(db: Database, teamId: string, userIds: string[]): Promise<void> {
  await db.delete(tables.teamMembers).where(eq(tables.teamMembers.teamId, teamId));
  if (userIds.length) await db.insert(tables.teamMembers).values(userIds.map((userId) => ({ teamId, userId })));
}

/** Which of these user ids exist. */
export async function existingUserIds(db: Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: tables.users.id }).from(tables.users).where(inArray(tables.users.id, ids));
  return new Set(rows.map((r) => r.id));
}
