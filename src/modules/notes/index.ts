/** Notes module: private notes in conversations, @mentions and the notifications they create. */
export { addNote, conversationNotes, noteById, presentNote } from "./notes.service.ts";
export { notificationById, notifyUser, userNotifications } from "./notifications.service.ts";
