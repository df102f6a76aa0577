/** The REST calls of the helpdesk: canned replies, private notes, labels, and the settings pages (users, teams, audit log). */
import type { Page } from "../../../src/contracts/api.ts";
import type { AuditEntryDTO, CannedReplyDTO, ConversationNoteDTO, CreatedUserDTO, InvitedUserDTO, LabelChipDTO, LabelDTO, ManagedUserDTO, TeamDTO } from "../../../src/contracts/helpdesk.ts";
import { query, request } from "./http.ts";

type Data<T> = { data: T };

/** The canned replies the user sees, filled in for a conversation and the suggested ones first. */
export async function listCannedReplies(conversationId: string): Promise<CannedReplyDTO[]> {
  return (await request<Data<CannedReplyDTO[]>>("GET", `/canned-replies${query({ conversationId })}`)).data;
}

/** A conversation's private notes, oldest first. */
export async function listNotes(conversationId: string): Promise<ConversationNoteDTO[]> {
  return (await request<Data<ConversationNoteDTO[]>>("GET", `/conversations/${encodeURIComponent(conversationId)}/notes`)).data;
}

/** Adds a private note (never sent to the customer). */
export async function addNote(conversationId: string, text: string): Promise<ConversationNoteDTO> {
  return (await request<Data<ConversationNoteDTO>>("POST", `/conversations/${encodeURIComponent(conversationId)}/notes`, { text })).data;
}

/** Every label. */
export async function listLabels(): Promise<LabelDTO[]> {
  return (await request<Data<LabelDTO[]>>("GET", "/labels")).data;
}

/** Gives a conversation exactly these labels. */
export async function setConversationLabels(conversationId: string, labelIds: string[]): Promise<LabelChipDTO[]> {
  return (await request<Data<LabelChipDTO[]>>("PUT", `/conversations/${encodeURIComponent(conversationId)}/labels`, { labels: labelIds })).data;
}

/** Every console user (admins). */
export async function listUsers(): Promise<ManagedUserDTO[]> {
  return (await request<Data<ManagedUserDTO[]>>("GET", "/users")).data;
}

/** Adds a console user; the answer carries the temporary password, shown once, or (`invite: "email"`) `invited: true`. */
export async function createUser(body: { name: string; email: string; role: ManagedUserDTO["role"]; invite?: "email" }): Promise<CreatedUserDTO | InvitedUserDTO> {
  return (await request<Data<CreatedUserDTO | InvitedUserDTO>>("POST", "/users", body)).data;
}

/** Deactivates or reactivates a user. */
export async function setUserActive(id: string, active: boolean): Promise<ManagedUserDTO> {
  return (await request<Data<ManagedUserDTO>>("PATCH", `/users/${encodeURIComponent(id)}`, { active })).data;
}

/** Every team. */
export async function listTeams(): Promise<TeamDTO[]> {
  return (await request<Data<TeamDTO[]>>("GET", "/teams")).data;
}

/** Adds a label. */
export async function createLabel(body: { name: string; color: string; intents: string[] }): Promise<LabelDTO> {
  return (await request<Data<LabelDTO>>("POST", "/labels", body)).data;
}

/** Every canned reply the user sees (unfilled). */
export async function listAllCanned(): Promise<CannedReplyDTO[]> {
  return (await request<Data<CannedReplyDTO[]>>("GET", "/canned-replies")).data;
}

/** Adds a canned reply. */
export async function createCanned(body: { shortcut: string; text: string; shared: boolean }): Promise<CannedReplyDTO> {
  return (await request<Data<CannedReplyDTO>>("POST", "/canned-replies", body)).data;
}

/** A page of the audit log, newest first. */
export async function listAudit(action: string | null, cursor: string | null): Promise<Page<AuditEntryDTO>> {
  return request<Page<AuditEntryDTO>>("GET", `/audit-log${query({ action, cursor, limit: 50 })}`);
}
