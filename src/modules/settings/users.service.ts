/** Admins manage console users: create with a temporary password, change role, teams, skills and capacity, deactivate, reset a password. */
import { randomBytes } from "node:crypto";
import type { Role } from "../../contracts/permissions.ts";
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import {
  countActiveAdmins,
  endSessionsOfUser,
  existingTeamIds,
  findUser,
  findUserByEmail,
  forgetUser,
  hashPassword,
  insertUser,
  replaceUserTeams,
  teamIdsOfUsers,
  updateUserRow,
  type UserChanges,
  type UserRow,
} from "../agents/index.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { releaseTicketsOf } from "../tickets/index.ts";

/** What an admin gives for a new user; `password` is optional (a temporary one is generated when absent). */
export type NewUserInput = {
  email: string;
  name: string;
  role: Role;
  teamIds?: string[];
  skills?: UserRow["skills"];
  capacity?: number | null;
  password?: string;
};

/** What an admin may change on a user. */
export type UserPatch = {
  name?: string;
  role?: Role;
  teamIds?: string[];
  skills?: UserRow["skills"];
  capacity?: number | null;
  active?: boolean;
};

/** A user with the password to hand them once. */
export type UserWithPassword = { user: UserRow; temporaryPassword: string };

/** A password to hand a new user once: 16 URL-safe characters (96 random bits). */
function temporaryPassword(): string {
  return randomBytes(12).toString("base64url");
}

async function assertTeamsExist(deps: Pick<ServiceDeps, "db">, teamIds: string[] | undefined): Promise<void> {
  if (!teamIds?.length) return;
  const found = await existingTeamIds(deps.db, teamIds);
  const missing = teamIds.filter((id) => !found.has(id));
  if (missing.length) throw new AppError("VALIDATION_FAILED", `No team has the id ${missing.join(", ")}.`, { teamIds: `no team has the id ${missing[0]}` });
}

/** Creates a console user with a temporary password (or the one given), their teams and skills; USER_EXISTS when the email is taken. */
export async function createManagedUser(deps: ServiceDeps, actor: AuditActor, input: NewUserInput): Promise<UserWithPassword> {
  if (await findUserByEmail(deps.db, input.email)) throw new AppError("USER_EXISTS", undefined, { email: "already taken" });
  await assertTeamsExist(deps, input.teamIds);
  const password = input.password ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  const teamIds = [...new Set(input.teamIds ?? [])];
  const user = await deps.db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      skills: input.skills ?? { intents: [], languages: [] },
      capacity: input.capacity ?? null,
    });
    await replaceUserTeams(tx, row.id, teamIds);
    const after = { email: row.email, name: row.name, role: row.role, teamIds, skills: row.skills, capacity: row.capacity };
    await recordAudit(tx, actor, { action: "user.created", targetType: "user", targetId: row.id, after }, deps.now());
    return row;
  }).catch((error: unknown) => {
    // Two admins adding the same email at once: the unique index decides.
    throw isUniqueViolation(error) ? new AppError("USER_EXISTS", undefined, { email: "already taken" }) : error;
  });
  deps.events.emit("agent.updated", { userId: user.id });
  return { user, temporaryPassword: password };
}

/** Whether a change leaves the installation without an active admin. */
function removesAnAdmin(user: UserRow, patch: UserPatch): boolean {
  if (user.role !== "admin" || !user.active) return false;
  return patch.active === false || (patch.role !== undefined && patch.role !== "admin");
}

/**
 * Changes a user; deactivating one ends their sessions (their console closes) and puts their unresolved tickets back in
 * the queue, in the same transaction as the change and its audit entry. The last active admin cannot be deactivated
 * or given another role (LAST_ADMIN), and nobody deactivates themselves.
 */
export async function changeManagedUser(deps: ServiceDeps, actor: AuditActor, id: string, patch: UserPatch): Promise<UserRow> {
  const user = await findUser(deps.db, id);
  if (!user) throw new AppError("USER_NOT_FOUND");
  if (patch.active === false && id === actor.id) throw new AppError("VALIDATION_FAILED", "You cannot deactivate yourself.", { active: "you cannot deactivate yourself" });
  if (removesAnAdmin(user, patch) && (await countActiveAdmins(deps.db)) <= 1) throw new AppError("LAST_ADMIN");
  await assertTeamsExist(deps, patch.teamIds);
  const changes: UserChanges = {};
  for (const key of ["name", "role", "skills", "capacity", "active"] as const) if (patch[key] !== undefined) Object.assign(changes, { [key]: patch[key] });
  const deactivating = patch.active === false && user.active;
  if (deactivating) changes.status = "offline";
  const teamsBefore = (await teamIdsOfUsers(deps.db, [id])).get(id) ?? [];
  const teamIds = patch.teamIds ? [...new Set(patch.teamIds)] : undefined;
  const now = deps.now();
  const { row, released } = await deps.db.transaction(async (tx) => {
    const updated = await updateUserRow(tx, id, changes);
    if (!updated) throw new AppError("USER_NOT_FOUND");
    if (teamIds) await replaceUserTeams(tx, id, teamIds);
    const releasedIds = deactivating ? await releaseTicketsOf(tx, id, { actorType: "agent", actorId: actor.id, reason: "user_deactivated" }, now) : [];
    const before = { name: user.name, role: user.role, skills: user.skills, capacity: user.capacity, active: user.active, teamIds: teamsBefore };
    const after = { name: updated.name, role: updated.role, skills: updated.skills, capacity: updated.capacity, active: updated.active, teamIds: teamIds ?? teamsBefore };
    const action = deactivating ? "user.deactivated" : patch.active === true && !user.active ? "user.reactivated" : "user.updated";
    await recordAudit(tx, actor, { action, targetType: "user", targetId: id, before, after: deactivating ? { ...after, ticketsReleased: releasedIds.length } : after }, now);
    return { row: updated, released: releasedIds };
  });
  forgetUser(deps.db, id);
  if (deactivating) await endSessionsOfUser(deps, id, "deactivated");
  for (const ticketId of released) deps.events.emit("ticket.updated", { ticketId });
  deps.events.emit("agent.updated", { userId: id });
  return row;
}

/** Gives a user a new temporary password (shown once) and ends their sessions. */
export async function resetUserPassword(deps: ServiceDeps, actor: AuditActor, id: string): Promise<UserWithPassword> {
  const user = await findUser(deps.db, id);
  if (!user) throw new AppError("USER_NOT_FOUND");
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const row = await deps.db.transaction(async (tx) => {
    const updated = await updateUserRow(tx, id, { passwordHash });
    if (!updated) throw new AppError("USER_NOT_FOUND");
    await recordAudit(tx, actor, { action: "user.password_reset", targetType: "user", targetId: id, before: null, after: null }, deps.now());
    return updated;
  });
  await endSessionsOfUser(deps, id, "revoked");
  return { user: row, temporaryPassword: password };
}
