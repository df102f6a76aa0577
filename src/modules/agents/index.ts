/** Agents module: console users, sessions, presence and round-robin selection. */
export { createUser, ensureFirstAdmin, presentUser } from "./agents.service.ts";
export {
  login,
  logout,
  logoutEverywhere,
  authenticate,
  endUserSession,
  listSessions,
  changePassword,
  endExpiredSessions,
  endSessionsOfUser,
  forgetUser,
  forgetSessions,
  sessionEndReason,
  sessionSettings,
  DEFAULT_SESSION_SETTINGS,
  type AuthenticatedSession,
  type ClientInfo,
  type SessionSettings,
} from "./sessions.service.ts";
export {
  findUser,
  findUserByEmail,
  listAllUsers,
  insertUser,
  deleteUserRow,
  updateUserRow,
  countActiveAdmins,
  teamIdsOfUsers,
  existingTeamIds,
  replaceUserTeams,
  type UserRow,
  type UserChanges,
} from "./agents.repo.ts";
export { hashPassword } from "./passwords.ts";
export { acceptInvite, insertInvite, INVITE_TTL_MS } from "./invites.service.ts";
