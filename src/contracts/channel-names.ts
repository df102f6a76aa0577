/**
 * The names of the channels, without their settings' schemas: the console imports these values, and zod (which tries
 * `Function("")` and so breaks the console's CSP) must stay out of its bundle.
 */

/** Every channel an admin can create an inbox for. */
export const INBOX_CHANNELS = ["email", "telegram", "whatsapp", "slack", "sms", "api", "web"] as const;

/** A channel an admin can create an inbox for. */
export type InboxChannel = (typeof INBOX_CHANNELS)[number];

/**
 * The channels a conversation can be on, as the conversation list filters them (`?channel=`): every inbox channel, and
 * `botframework` for every Bot Framework channel (stored as `botframework:<channelId>`: Teams, the Emulator …).
 */
export const CONVERSATION_CHANNELS = [...INBOX_CHANNELS, "botframework"] as const;

/** A channel the conversation list can be filtered by. */
export type ConversationChannel = (typeof CONVERSATION_CHANNELS)[number];
