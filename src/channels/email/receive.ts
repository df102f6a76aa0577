/**
 * One received mail into an email inbox, the same for SMTP and IMAP: threaded into its conversation, attachments
 * written to disk, and committed as the customer's message (the reply's own text; the whole text kept in the raw copy).
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "../../contracts/messages.ts";
import {
  conversationOfMail,
  receiveCustomerMessage,
  rememberMailIds,
  type AttachmentFiles,
  type InboundAttachment,
  type InboundMessage,
} from "../../modules/conversations/index.ts";
import type { ServiceDeps } from "../../modules/deps.ts";
import type { ReceivedMail } from "./inbound.ts";
import { conversationToken, emailThreadId, threadIdOfMessageId } from "./message-ids.ts";
import { replyText } from "./reply-text.ts";

/** The text a mail without any text is stored with. */
export const MAIL_WITHOUT_TEXT = "[email without text]";
/** The text a mail with only attachments is stored with. */
export const MAIL_WITH_ATTACHMENTS_ONLY = "[attachment]";
/** How much of a mail's whole text the raw copy keeps. */
const MAX_RAW_TEXT = 200_000;

const emailAddress = z.email();

async function storeAttachments(files: AttachmentFiles, mail: ReceivedMail): Promise<InboundAttachment[]> {
  const stored: InboundAttachment[] = [];
  for (const attachment of mail.attachments) {
    const sha256 = await files.save(attachment.content);
    stored.push({ kind: "file", id: randomUUID(), sha256, ...(attachment.name ? { name: attachment.name } : {}), contentType: attachment.contentType, size: attachment.content.length });
  }
  return stored;
}

/** The text stored and analysed: the reply's own text, cut to the message limit (the raw copy keeps it all). */
function shownText(mail: ReceivedMail): string {
  const own = replyText(mail.text);
  if (own.trim() === "") return mail.attachments.length > 0 ? MAIL_WITH_ATTACHMENTS_ONLY : MAIL_WITHOUT_TEXT;
  return own.slice(0, MAX_MESSAGE_LENGTH);
}

/**
 * Stores a mail for an inbox: into the conversation its In-Reply-To/References (or its own Message-ID, when it is a
 * redelivery) point to, else a new one. An automatic mail is stored without a bot turn. Returns the stored message.
 */
export async function receiveMail(deps: ServiceDeps, files: AttachmentFiles, inboxId: string, mail: ReceivedMail): Promise<Awaited<ReturnType<typeof receiveCustomerMessage>>> {
  const thread = await conversationOfMail(deps, inboxId, { ownId: mail.messageId, refs: mail.refs, externalIdOf: (id) => threadIdOfMessageId(inboxId, id) });
  const attachments = await storeAttachments(files, mail);
  const inbound: InboundMessage = {
    inboxId,
    channel: "email",
    externalUserId: mail.from.address,
    externalConversationId: thread?.externalId ?? emailThreadId(inboxId, conversationToken(inboxId, mail.messageId)),
    ...(thread ? { conversationId: thread.id } : {}),
    clientMsgId: `email:${mail.messageId}`,
    text: shownText(mail),
    profile: { ...(mail.from.name ? { name: mail.from.name } : {}), ...(emailAddress.safeParse(mail.from.address).success ? { email: mail.from.address } : {}) },
    ...(attachments.length > 0 ? { attachments } : {}),
    raw: { headers: mail.headers, text: mail.text.slice(0, MAX_RAW_TEXT), ...(mail.text.length > MAX_RAW_TEXT ? { textTruncated: true } : {}) },
    channelData: {
      messageId: mail.messageId,
      from: mail.from.address,
      ...(mail.from.name ? { fromName: mail.from.name } : {}),
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: mail.subject,
      ...(mail.date ? { date: mail.date } : {}),
      references: mail.references.slice(-20),
      ...(mail.automatic ? { automatic: mail.automatic } : {}),
    },
    ...(mail.subject ? { subject: mail.subject } : {}),
    // An auto-reply or a bounce is kept for the record, but owed no answer: answering one is how mail loops start.
    ...(mail.automatic ? { answeredInTurn: true } : {}),
  };
  const received = await receiveCustomerMessage(deps, inbound);
  await rememberMailIds(deps, inboxId, received.conversation.id, [mail.messageId]);
  return received;
}
