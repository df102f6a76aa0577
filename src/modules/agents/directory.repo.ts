/** Queries for the assignment picker: active users and teams with their current open-conversation load. */
import { asc, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

/** An active user with the number of unresolved tickets assigned to them. */
export type AgentLoadRow = {
  id: string;
  name: string;
  role: "agent" | "manager" | "admin";
  status: "online" | "away" | "offline";
  capacity: number | null;
  openConversations: number;
};

/** A team with its members and the number of unresolved tickets assigned to it. */
export type TeamLoadRow = { id: string; name: string; memberIds: string[]; openConversations: number };

// The subqueries name the outer table in full: drizzle writes a lone table's columns unqualified, and inside the
// subquery an unqualified "id" would be the ticket's own.

/** Active users by name, each with their open load (unresolved tickets assigned to them, snoozed ones included). */
export async function listAgentsWithLoad(db: Database): Promise<AgentLoadRow[]> {
  const u = tables.users;
  return db
    .select({
      id: u.id,
      name: u.name,
      role: u.role,
      status: u.status,
      capacity: u.capacity,
      openConversations: sql<number>`(select count(*)::int from tickets t where t.assignee_id = users.id and t.status <> 'resolved')`,
    })
    .from(u)
    .where(eq(u.active, true))
    .orderBy(asc(u.name), asc(u.email));
}

/** Every team by name with its members and open load. */
export async function listTeamsWithLoad(db: Database): Promise<TeamLoadRow[]> {
  const t = tables.teams;
  return db
    .select({
      id: t.id,
      name: t.name,
      memberIds: sql<string[]>`coalesce((select jsonb_agg(m.user_id order by m.user_id) from team_members m where m.team_id = teams.id), '[]'::jsonb)`,
      openConversations: sql<number>`(select count(*)::int from tickets k where k.team_id = teams.id and k.status <> 'resolved')`,
    })
    .from(t)
    .orderBy(asc(t.name));
}
