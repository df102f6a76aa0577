/** Settings module: admins manage console users and teams (every change recorded in the audit log). */
export { createManagedUser, changeManagedUser, inviteManagedUser, resetUserPassword, type InviteMailer, type InvitedUser, type NewUserInput, type UserPatch } from "./users.service.ts";
export { createTeam, changeTeam, listTeams, getTeam, presentTeam } from "./teams.service.ts";
