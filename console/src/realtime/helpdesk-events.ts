/** Live helpdesk events from the console socket (new private notes, notifications, viewers) for the views that show them. */
import type { ConversationViewersEvent } from "../../../src/contracts/api.ts";
import type { ConversationNoteDTO, NotificationDTO } from "../../../src/contracts/helpdesk.ts";

type Listeners = {
  note: Set<(note: ConversationNoteDTO) => void>;
  notification: Set<(n: NotificationDTO) => void>;
  viewers: Set<(event: ConversationViewersEvent) => void>;
};

const listeners: Listeners = { note: new Set(), notification: new Set(), viewers: new Set() };

/** Hands a `conversation:viewers` event to whoever listens. */
export function publishViewers(event: ConversationViewersEvent): void {
  for (const listener of listeners.viewers) listener(event);
}

/** Listens for who views (and types in) conversations; returns the unsubscribe function. */
export function onViewers(listener: (event: ConversationViewersEvent) => void): () => void {
  listeners.viewers.add(listener);
  return () => listeners.viewers.delete(listener);
}

/** Hands a `note:new` event to whoever listens. */
export function publishNote(note: ConversationNoteDTO): void {
  for (const listener of listeners.note) listener(note);
}

/** Hands a `notification:new` event to whoever listens. */
export function publishNotification(notification: NotificationDTO): void {
  for (const listener of listeners.notification) listener(notification);
}

/** Listens for new notes; returns the unsubscribe function. */
export function onNote(listener: (note: ConversationNoteDTO) => void): () => void {
  listeners.note.add(listener);
  return () => listeners.note.delete(listener);
}

/** Listens for the user's new notifications; returns the unsubscribe function. */
export function onNotification(listener: (notification: NotificationDTO) => void): () => void {
  listeners.notification.add(listener);
  return () => listeners.notification.delete(listener);
}
