/** Telegram Update → the canonical inbound message: text, edited and photo messages (a photo as its caption, with its file's metadata). */
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import type { InboundMessage } from "../../modules/conversations/index.ts";
import { idInThread, inboxThreadId } from "../thread-id.ts";

/** The text a photo without a caption is stored with. */
export const PHOTO_WITHOUT_CAPTION = "[photo]";

const user = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().max(256).optional(),
  last_name: z.string().max(256).optional(),
  username: z.string().max(256).optional(),
});
const photoSize = z.looseObject({ file_id: z.string().max(500), file_unique_id: z.string().max(500), width: z.number(), height: z.number(), file_size: z.number().optional() });
const message = z.looseObject({
  message_id: z.number().int(),
  from: user.optional(),
  chat: z.looseObject({ id: z.number().int(), type: z.string().max(50) }),
  date: z.number().int(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(photoSize).optional(),
});

/** The parts of a Telegram Update this channel reads (https://core.telegram.org/bots/api#update); other fields pass through. */
export const telegramUpdate = z.looseObject({
  update_id: z.number({ error: "update_id is required" }).int().nonnegative(),
  message: message.optional(),
  edited_message: message.optional(),
});

/** A parsed Telegram Update. */
export type TelegramUpdate = z.infer<typeof telegramUpdate>;

/** A Telegram chat's conversation id: chat ids are the same for every bot, so the inbox is part of it. */
export function telegramThreadId(inboxId: string, chatId: number): string {
  return inboxThreadId(inboxId, chatId);
}

/** The chat id back from a conversation's external id. */
export function chatIdOf(inboxId: string, threadId: string | null): string {
  return idInThread(inboxId, threadId, "a chat of this Telegram inbox");
}

/** The customer message an update carries, or undefined for updates that carry none (a sticker, a bot's message, a callback). */
export function fromTelegramUpdate(inboxId: string, update: TelegramUpdate): InboundMessage | undefined {
  const msg = update.message ?? update.edited_message;
  if (!msg || msg.from?.is_bot) return undefined;
  const largest = msg.photo?.at(-1);
  const full = msg.text ?? msg.caption ?? (largest ? PHOTO_WITHOUT_CAPTION : undefined);
  if (full === undefined) return undefined;
  // Telegram allows 4,096 characters, we store 4,000: a refusal would only make Telegram resend the update. The raw update keeps it all.
  const text = full.slice(0, MAX_MESSAGE_LENGTH);
  const name = [msg.from?.first_name, msg.from?.last_name].filter(Boolean).join(" ") || msg.from?.username;
  return {
    inboxId,
    channel: "telegram",
    externalUserId: String(msg.from?.id ?? msg.chat.id),
    externalConversationId: telegramThreadId(inboxId, msg.chat.id),
    // Telegram redelivers an update with the same update_id until it gets a 2xx: the update is stored once.
    clientMsgId: `update:${update.update_id}`,
    text,
    profile: name ? { name } : undefined,
    attachments: largest
      ? [{ kind: "photo", providerFileId: largest.file_id, width: largest.width, height: largest.height, ...(largest.file_size ? { size: largest.file_size } : {}) }]
      : undefined,
    raw: update,
  };
}
