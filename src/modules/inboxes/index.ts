/** Inboxes module: the channel entry points conversations arrive through. */
export { findInbox, findInboxCached, listInboxes, type InboxRow } from "./inboxes.repo.ts";
export { inboxSecret, rotateInboxSecret } from "./inboxes.service.ts";
