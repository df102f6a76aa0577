/** Agents module: console users, sessions, presence and round-robin selection. */
export { login, logout, authenticate, setPresence, createUser, ensureFirstAdmin, presentUser, SESSION_TTL_MS } from "./agents.service.ts";
export { claimNextOnlineAgent, findUser, type UserRow } from "./agents.repo.ts";
