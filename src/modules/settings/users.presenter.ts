/** User rows → the DTO admins see (with the teams each user belongs to). */
import type { ManagedUserDTO } from "../../contracts/helpdesk.ts";
import type { Database } from "../../db/index.ts";
import { presentUser, teamIdsOfUsers, type UserRow } from "../agents/index.ts";

/** Presents users for the settings pages, their team ids loaded in one query. */
export async function presentManagedUsers(db: Database, rows: UserRow[]): Promise<ManagedUserDTO[]> {
  const teams = await teamIdsOfUsers(db, rows.map((r) => r.id));
  return rows.map((row) => ({
    ...presentUser(row),
    active: row.active,
    skills: row.skills,
    capacity: row.capacity,
    teamIds: teams.get(row.id) ?? [],
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Presents one user. */
export async function presentManagedUser(db: Database, row: UserRow): Promise<ManagedUserDTO> {
  const [dto] = await presentManagedUsers(db, [row]);
  return dto;
}
