/** Teams: which agents work together, and which inboxes and intents they handle. */
import type { TeamDTO } from "../../contracts/helpdesk.ts";
import { isUniqueViolation } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import { recordAudit, type AuditActor } from "../audit/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { listInboxes } from "../inboxes/index.ts";
import { existingUserIds, findTeam, insertTeam, listTeamRows, replaceTeamMembers, updateTeamRow, type TeamWithMembers } from "./teams.repo.ts";

/** A team as an admin describes it. */
export type TeamInput = { name?: string; memberIds?: string[]; inboxIds?: string[]; intents?: string[] };

/** Presents a team. */
export function presentTeam(row: TeamWithMembers): TeamDTO {
  return { id: row.id, name: row.name, memberIds: row.memberIds, inboxIds: row.inboxIds, intents: row.intents, createdAt: row.createdAt.toISOString() };
}

/** Every team by name. */
export async function listTeams(deps: Pick<ServiceDeps, "db">): Promise<TeamWithMembers[]> {
  return listTeamRows(deps.db);
}

async function assertReferencesExist(deps: Pick<ServiceDeps, "db">, input: TeamInput): Promise<void> {
  const fields: Record<string, string> = {};
  if (input.memberIds?.length) {
    const found = await existingUserIds(deps.db, input.memberIds);
    const missing = input.memberIds.find((id) => !found.has(id));
    if (missing) fields.memberIds = `no user has the id ${missing}`;
  }
  if (input.inboxIds?.length) {
    const known = new Set((await listInboxes(deps.db)).map((inbox) => inbox.id));
    const missing = input.inboxIds.find((id) => !known.has(id));
    if (missing) fields.inboxIds = `no inbox has the id ${missing}`;
  }
  if (Object.keys(fields).length) throw new AppError("VALIDATION_FAILED", Object.values(fields).join("; "), fields);
}

const teamTaken = (): AppError => new AppError("TEAM_EXISTS", undefined, { name: "another team has this name" });

function auditView(team: TeamWithMembers): Record<string, unknown> {
  return { name: team.name, memberIds: team.memberIds, inboxIds: team.inboxIds, intents: team.intents };
}

/** Adds a team with its members, inboxes and intents; TEAM_EXISTS when the name is taken. */
export async function createTeam(deps: ServiceDeps, actor: AuditActor, input: TeamInput & { name: string }): Promise<TeamWithMembers> {
  await assertReferencesExist(deps, input);
  const id = await deps.db
    .transaction(async (tx) => {
      const team = await insertTeam(tx, { name: input.name, inboxIds: input.inboxIds ?? [], intents: input.intents ?? [] });
      await replaceTeamMembers(tx, team.id, input.memberIds ?? []);
      const after = { name: team.name, memberIds: input.memberIds ?? [], inboxIds: team.inboxIds, intents: team.intents };
      await recordAudit(tx, actor, { action: "team.created", targetType: "team", targetId: team.id, after }, deps.now());
      return team.id;
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? teamTaken() : error;
    });
  return getTeam(deps, id);
}

/** Finds a team or fails with TEAM_NOT_FOUND. */
export async function getTeam(deps: Pick<ServiceDeps, "db">, id: string): Promise<TeamWithMembers> {
  const team = await findTeam(deps.db, id);
  if (!team) throw new AppError("TEAM_NOT_FOUND");
  return team;
}

/** Changes a team's name, members, inboxes or intents (each given list replaces the old one). */
export async function changeTeam(deps: ServiceDeps, actor: AuditActor, id: string, input: TeamInput): Promise<TeamWithMembers> {
  const before = await getTeam(deps, id);
  await assertReferencesExist(deps, input);
  await deps.db
    .transaction(async (tx) => {
      await updateTeamRow(tx, id, { name: input.name, inboxIds: input.inboxIds, intents: input.intents });
      if (input.memberIds) await replaceTeamMembers(tx, id, input.memberIds);
      const after = { ...auditView(before), ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
      await recordAudit(tx, actor, { action: "team.updated", targetType: "team", targetId: id, before: auditView(before), after }, deps.now());
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? teamTaken() : error;
    });
  return getTeam(deps, id);
}
