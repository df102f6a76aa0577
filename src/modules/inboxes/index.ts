/** Inboxes module: the channel entry points conversations arrive through. */
export { BOT_FRAMEWORK_INBOX_ID, DEFAULT_WEB_INBOX_ID, ensureDefaultInboxes, findInbox, findInboxCached, listInboxes, type InboxRow } from "./inboxes.repo.ts";
export { inboxSecret, rotateInboxSecret, rotateInboxToken } from "./inboxes.service.ts";
export { allInboxes, changeInbox, channelInbox, createInbox, csatEnabled, presentInbox, removeInbox, storedInbox, webhookInbox } from "./inbox-settings.service.ts";
export { inboxTokenMatches } from "./inbox-token.ts";
export { createSecretBox, type SecretBox } from "./secret-box.ts";
export { emailInboxFor, imapInboxes, type EmailInbox } from "./email-inboxes.service.ts";
export { lookOf, replaceWidgetLook, widgetLook } from "./widget-look.service.ts";
export { visitorHandshake, widgetLookBody } from "./widget-look.schemas.ts";
