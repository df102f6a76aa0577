/** Operations of the helpdesk's settings (users, teams, audit log) and agent tools (canned replies, notes, labels, notifications). */
import { z } from "zod";
import { auditLogQuery } from "../../modules/audit/audit.routes.ts";
import { changeTeamBody, createTeamBody, teamIdParams } from "../../modules/settings/teams.routes.ts";
import { changeUserBody, createUserBody, userIdParams } from "../../modules/settings/users.routes.ts";
import type { Operation } from "./operation.ts";
import { auditEntryDTO, createdUserDTO, invitedUserDTO, managedUserDTO, teamDTO } from "./schemas-helpdesk.ts";

const V1 = "/api/v1";
const admins = (action: "settings.users" | "settings.teams" | "settings.audit") => ({ auth: "session", actions: [action] }) as const;

/** The helpdesk's operations. */
export const helpdeskOperations: Operation[] = [
  {
    method: "get",
    path: `${V1}/users`,
    tag: "Users",
    summary: "List console users",
    access: admins("settings.users"),
    success: { status: 200, description: "Every console user, deactivated ones included, with teams, skills and capacity.", data: z.array(managedUserDTO) },
  },
  {
    method: "post",
    path: `${V1}/users`,
    tag: "Users",
    summary: "Add a console user",
    description:
      'Answers a temporary password once (generated unless `password` is given); only its hash is stored. With `invite: "email"` no password is answered: the user is mailed a one-time link (`PUBLIC_URL` or the request\'s origin + `/console/invite/<token>`, valid 72 hours) through the oldest enabled email inbox\'s SMTP relay, and answered `{user, invited: true}`; when no email inbox can send, or the relay refuses the mail, nothing is created (409 INVITE_EMAIL_UNAVAILABLE). Recorded in the audit log.',
    access: admins("settings.users"),
    body: createUserBody,
    success: { status: 201, description: "The new user and the temporary password, or `invited: true`.", data: z.union([createdUserDTO, invitedUserDTO]) },
    errors: ["USER_EXISTS", "INVITE_EMAIL_UNAVAILABLE"],
  },
  {
    method: "patch",
    path: `${V1}/users/:id`,
    tag: "Users",
    summary: "Change, deactivate or reactivate a console user",
    description:
      "`active: false` deactivates: the user's sessions end (their console closes), their unresolved tickets go back to the queue, and they can no longer log in. The last active admin cannot be deactivated or given another role.",
    access: admins("settings.users"),
    params: userIdParams,
    body: changeUserBody,
    success: { status: 200, description: "The user.", data: managedUserDTO },
    errors: ["USER_NOT_FOUND", "LAST_ADMIN"],
  },
  {
    method: "post",
    path: `${V1}/users/:id/reset-password`,
    tag: "Users",
    summary: "Reset a user's password",
    description: "Gives the user a new temporary password, answered once, and ends their sessions.",
    access: admins("settings.users"),
    params: userIdParams,
    success: { status: 200, description: "The user and the new temporary password.", data: createdUserDTO },
    errors: ["USER_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/teams`,
    tag: "Users",
    summary: "List teams",
    access: admins("settings.teams"),
    success: { status: 200, description: "Every team by name, with its members, inboxes and intents.", data: z.array(teamDTO) },
  },
  {
    method: "post",
    path: `${V1}/teams`,
    tag: "Users",
    summary: "Add a team",
    access: admins("settings.teams"),
    body: createTeamBody,
    success: { status: 201, description: "The new team.", data: teamDTO },
    errors: ["TEAM_EXISTS"],
  },
  {
    method: "patch",
    path: `${V1}/teams/:id`,
    tag: "Users",
    summary: "Change a team",
    description: "Each list given (memberIds, inboxIds, intents) replaces the team's.",
    access: admins("settings.teams"),
    params: teamIdParams,
    body: changeTeamBody,
    success: { status: 200, description: "The team.", data: teamDTO },
    errors: ["TEAM_NOT_FOUND", "TEAM_EXISTS"],
  },
  {
    method: "get",
    path: `${V1}/audit-log`,
    tag: "Users",
    summary: "Read the audit log",
    description: "Every settings change, newest first: who, what, on what, the changed fields before and after. Filter by `actor` (user id), `action` and a `from`/`to` time range.",
    access: admins("settings.audit"),
    query: auditLogQuery,
    success: { status: 200, description: "A page of entries.", page: auditEntryDTO },
  },
];
