/** A chat channel's conversation external ids: `<inboxId>:<the provider's id>`, since one provider id can recur across inboxes. */

/** The conversation external id of a provider's chat, number or contact `id` in an inbox. */
export function inboxThreadId(inboxId: string, id: string | number): string {
  return `${inboxId}:${id}`;
}

/** The provider's id back from a conversation's external id; throws when it is not one of this inbox (`what`: "a chat of this Telegram inbox"). */
export function idInThread(inboxId: string, threadId: string | null, what: string): string {
  if (!threadId?.startsWith(`${inboxId}:`)) throw new Error(`the conversation is not ${what}`);
  return threadId.slice(inboxId.length + 1);
}
