/**
 * Email threading for the email channel: which conversation a mail's Message-ID, In-Reply-To and References point to,
 * and what a reply must answer (the customer's last mail).
 */
import type { ServiceDeps } from "../deps.ts";
import { findConversation, findConversationByExternalId, type ConversationRow } from "./conversations.repo.ts";
import { findLastCustomerMail, findMailIds, insertMailIds } from "./mail-threads.repo.ts";

type Deps = Pick<ServiceDeps, "db">;

/**
 * The conversation a mail belongs to: `ownId` already stored (a redelivery), else the first of `refs` (most relevant
 * first) that is one of our conversation external ids (`externalIdOf` reads our Message-IDs' tokens) or a Message-ID
 * this inbox has seen. Undefined when none is: the mail starts a conversation.
 */
export async function conversationOfMail(
  deps: Deps,
  inboxId: string,
  mail: { ownId: string; refs: string[]; externalIdOf: (messageId: string) => string | undefined },
): Promise<ConversationRow | undefined> {
  const known = new Map((await findMailIds(deps.db, inboxId, [mail.ownId, ...mail.refs])).map((row) => [row.messageId, row.conversationId]));
  const ownConversation = known.get(mail.ownId);
  if (ownConversation) return findConversation(deps.db, ownConversation);
  for (const ref of mail.refs) {
    const externalId = mail.externalIdOf(ref);
    const byToken = externalId ? await findConversationByExternalId(deps.db, "email", externalId) : undefined;
    if (byToken && byToken.inboxId === inboxId) return byToken;
    const conversationId = known.get(ref);
    if (conversationId) return findConversation(deps.db, conversationId);
  }
  return undefined;
}

/** Remembers Message-IDs (a customer's mail, or our reply) as belonging to a conversation of an email inbox. */
export async function rememberMailIds(deps: Deps, inboxId: string, conversationId: string, messageIds: string[]): Promise<void> {
  await insertMailIds(deps.db, messageIds.map((messageId) => ({ inboxId, messageId, conversationId })));
}

/** What the customer's latest mail in a conversation recorded (`metadata.email`), for the reply's headers. */
export async function lastCustomerMail(deps: Deps, conversationId: string): Promise<Record<string, unknown> | undefined> {
  return findLastCustomerMail(deps.db, conversationId);
}
