/**
 * Private notes in a conversation: stored apart from its messages, so no channel, the widget, the bot or a delivery
 * job ever sees them; an @mention notifies the colleague (stored, and live on their console).
 */
import type { ConversationNoteDTO, NotificationDTO } from "../../contracts/helpdesk.ts";
import { getConversation } from "../conversations/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { findMentions } from "./mentions.ts";
import { findNote, insertNoteWithNotifications, listNotes, mentionableUsers, type NoteRow, type NotificationRow } from "./notes.repo.ts";

/** Presents a note; `names` gives mentioned users' names. */
export function presentNote(row: NoteRow, names: ReadonlyMap<string, string>): ConversationNoteDTO {
  return {
    id: row.id,
    conversationId: row.conversationId,
    author: { id: row.authorId, name: row.authorName },
    text: row.text,
    mentions: row.mentions.map((id) => ({ id, name: names.get(id) ?? "Unknown" })),
    createdAt: row.createdAt.toISOString(),
  };
}

/** Presents a notification. */
export function presentNotification(row: NotificationRow): NotificationDTO {
  return { id: row.id, type: row.type, data: row.data as NotificationDTO["data"], readAt: row.readAt?.toISOString() ?? null, createdAt: row.createdAt.toISOString() };
}

async function userNames(deps: Pick<ServiceDeps, "db">): Promise<Map<string, string>> {
  return new Map((await mentionableUsers(deps.db)).map((u) => [u.id, u.name]));
}

/** One note as the console shows it (for the live `note:new` event). */
export async function noteById(deps: Pick<ServiceDeps, "db">, id: string): Promise<ConversationNoteDTO | undefined> {
  const row = await findNote(deps.db, id);
  return row ? presentNote(row, await userNames(deps)) : undefined;
}

/** A conversation's notes, oldest first. */
export async function conversationNotes(deps: Pick<ServiceDeps, "db">, conversationId: string): Promise<ConversationNoteDTO[]> {
  await getConversation(deps, conversationId);
  const [rows, names] = await Promise.all([listNotes(deps.db, conversationId), userNames(deps)]);
  return rows.map((row) => presentNote(row, names));
}

/** Adds a note by a console user; everyone it @mentions (but its author) gets a notification. */
export async function addNote(deps: ServiceDeps, author: { id: string; name: string }, conversationId: string, text: string): Promise<ConversationNoteDTO> {
  const conversation = await getConversation(deps, conversationId);
  const users = await mentionableUsers(deps.db);
  const mentioned = findMentions(text, users).filter((u) => u.id !== author.id);
  const now = deps.now();
  const { note, notifications } = await insertNoteWithNotifications(
    deps.db,
    { conversationId: conversation.id, authorId: author.id, authorName: author.name, text, mentions: mentioned.map((u) => u.id), createdAt: now },
    (noteId) =>
      mentioned.map((user) => ({
        userId: user.id,
        type: "mention" as const,
        data: { conversationId: conversation.id, noteId, by: author.name, text: text.slice(0, 200) },
        createdAt: now,
      })),
  );
  deps.events.emit("note.created", { noteId: note.id, conversationId: conversation.id });
  for (const n of notifications) deps.events.emit("notification.created", { notificationId: n.id, userId: n.userId });
  return presentNote(note, new Map(users.map((u) => [u.id, u.name])));
}
