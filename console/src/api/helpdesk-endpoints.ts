/** The REST calls of the helpdesk tools: canned replies, private notes, labels. */
import type { CannedReplyDTO, ConversationNoteDTO, LabelChipDTO, LabelDTO } from "../../../src/contracts/helpdesk.ts";
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
