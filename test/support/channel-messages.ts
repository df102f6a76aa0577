/** Reading a chat-channel conversation over the REST API as the channel tests do: its messages, the first answer, a reply's delivery. */
import { expect } from "vitest";
import type { MessageDTO } from "../../src/contracts/api.ts";
import { api } from "./api-client.ts";

/** The readers over a running app; `session` is called at each read (the app and cookie are made in a beforeAll). */
export function channelMessages(session: () => { url: string; cookie: string }) {
  async function messagesOf(conversationId: string): Promise<MessageDTO[]> {
    const { url, cookie } = session();
    return (await api<{ data: MessageDTO[] }>(url, "GET", `/api/v1/conversations/${conversationId}/messages`, { cookie })).body.data;
  }
  /** The first answer in a conversation (the bot's, or its hand-off notice), once stored. */
  async function botReply(conversationId: string): Promise<MessageDTO> {
    const answer = async () => (await messagesOf(conversationId)).find((m) => m.sender.type !== "customer");
    await expect.poll(answer, { timeout: 20_000 }).toBeDefined();
    return (await answer())!;
  }
  async function deliveryOf(conversationId: string, messageId: string): Promise<MessageDTO["channelDelivery"]> {
    return (await messagesOf(conversationId)).find((m) => m.id === messageId)?.channelDelivery ?? null;
  }
  return { messagesOf, botReply, deliveryOf };
}
