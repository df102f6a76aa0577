/** Admins manage console users: create with a temporary password, change role, teams, skills and capacity, deactivate, reset a password. */
import { randomBytes } from "node:crypto";
import type { Role } from "../../contracts/permissions.ts";
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import {
  countActiveAdmins,
  deleteUserRow,
  endSessionsOfUser,
  existingTeamIds,
  findUser,
  findUserByEmail,
  forgetUser,
  hashPassword,
  insertInvite,
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
  /** "email": no password; the user is mailed a one-time link to choose one (see `inviteMailer`). */
  invite?: "email";
};

/** Sends invite mails; the channels layer provides it (the first email inbox's SMTP relay). */
export type InviteMailer = {
  /** Whether some email inbox could send a mail now. */
  canSend(): Promise<boolean>;
  /** Sends the invite mail; false when no email inbox can send; throws when the relay refuses or cannot be reached. */
  send(mail: { to: string; name: string; link: string; invitedBy: string }): Promise<boolean>;
};

/** A user added with an emailed invite link instead of a password. */
export type InvitedUser = { user: UserRow; invited: true };

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
  const user = await insertManagedUser(deps, actor, input, passwordHash);
  deps.events.emit("agent.updated", { userId: user.id });
  return { user, temporaryPassword: password };
}

/**
 * Creates a console user without a usable password and mails them a one-time link (`${origin}/console/invite/<token>`)
 * to choose one. Nothing is created when no email inbox can send (INVITE_EMAIL_UNAVAILABLE), and a user whose mail
 * the relay refused is removed again (the same code, naming the relay's answer), so the admin can simply try again.
 */
export async function inviteManagedUser(
  deps: ServiceDeps,
  actor: AuditActor,
  input: NewUserInput,
  mail: { mailer: InviteMailer; origin: string },
): Promise<InvitedUser> {
  if (await findUserByEmail(deps.db, input.email)) throw new AppError("USER_EXISTS", undefined, { email: "already taken" });
  await assertTeamsExist(deps, input.teamIds);
  if (!(await mail.mailer.canSend())) throw new AppError("INVITE_EMAIL_UNAVAILABLE");
  // Nobody knows this password: the user chooses theirs through the link.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  let token = "";
  const user = await insertManagedUser(deps, actor, input, passwordHash, async (tx, row) => {
    token = await insertInvite(tx, row.id, deps.now());
  });
  const link = `${mail.origin.replace(/\/+$/, "")}/console/invite/${token}`;
  const invitedBy = (await findUser(deps.db, actor.id))?.name ?? "An admin";
  const failure = await mail.mailer.send({ to: user.email, name: user.name, link, invitedBy }).then(
    (sent) => (sent ? undefined : "no email inbox can send"),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (failure) {
    await deleteUserRow(deps.db, user.id);
    throw new AppError("INVITE_EMAIL_UNAVAILABLE", `The invite mail could not be sent (${failure}); the user was not added.`);
  }
  await auditCreation(deps, deps.db, actor, user, [...new Set(input.teamIds ?? [])], "email");
  deps.events.emit("agent.updated", { userId: user.id });
  return { user, invited: true };
}

async function auditCreation(deps: ServiceDeps, db: ServiceDeps["db"], actor: AuditActor, row: UserRow, teamIds: string[], invite?: "email"): Promise<void> {
  const after = { email: row.email, name: row.name, role: row.role, teamIds, skills: row.skills, capacity: row.capacity, ...(invite ? { invite } : {}) };
  await recordAudit(db, actor, { action: "user.created", targetType: "user", targetId: row.id, after }, deps.now());
}

/** Inserts the user, their teams and the audit entry in one transaction (`extra`, for an invite, replaces the audit entry); USER_EXISTS on a race. */
async function insertManagedUser(
  deps: ServiceDeps,
  actor: AuditActor,
  input: NewUserInput,
  passwordHash: string,
  extra?: (tx: ServiceDeps["db"], row: UserRow) => Promise<void>,
): Promise<UserRow> {
  const teamIds = [...new Set(input.teamIds ?? [])];
  return deps.db.transaction(async (tx) => {
    const row = await insertUser(tx, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash,
      skills: input.skills ?? { intents: [], languages: [] },
      capacity: input.capacity ?? null,
    });
    await replaceUserTeams(tx, row.id, teamIds);
    // An invited user's creation is recorded once their mail went out (a user whose mail failed is removed again).
    if (extra) await extra(tx, row);
    else await auditCreation(deps, tx, actor, row, teamIds);
    return row;
  }).catch((error: unknown) => {
    // Two admins adding the same email at once: the unique index decides.
    throw isUniqueViolation(error) ? new AppError("USER_EXISTS", undefined, { email: "already taken" }) : error;
  });
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
