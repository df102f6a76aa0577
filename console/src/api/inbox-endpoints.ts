/** Settings → Inboxes' REST calls: list, add, rename, delete inboxes, and check an inbox's credentials with its provider. */
import type { CredentialCheckDTO, InboxChannel, InboxDTO } from "../../../src/contracts/channels.ts";
import { request } from "./http.ts";

type Data<T> = { data: T };

const id = (value: string): string => encodeURIComponent(value);

/** Every inbox, oldest first (settings never come back: only the names of those stored). */
export async function listInboxes(): Promise<InboxDTO[]> {
  return (await request<Data<InboxDTO[]>>("GET", "/inboxes")).data;
}

/** Adds an inbox; a bad setting is 400 VALIDATION_FAILED naming `settings.<field>`. */
export async function createInbox(body: { name: string; channel: InboxChannel; settings: Record<string, string> }): Promise<InboxDTO> {
  return (await request<Data<InboxDTO>>("POST", "/inboxes", body)).data;
}

/** Renames an inbox. */
export async function renameInbox(inboxId: string, name: string): Promise<InboxDTO> {
  return (await request<Data<InboxDTO>>("PATCH", `/inboxes/${id(inboxId)}`, { name })).data;
}

/** Deletes an inbox (409 INBOX_IN_USE when it has conversations). */
export async function deleteInbox(inboxId: string): Promise<void> {
  await request<unknown>("DELETE", `/inboxes/${id(inboxId)}`);
}

/** Asks the inbox's provider whether its stored credentials work. */
export async function verifyInbox(inboxId: string): Promise<CredentialCheckDTO> {
  return (await request<Data<CredentialCheckDTO>>("POST", `/inboxes/${id(inboxId)}/verify`)).data;
}
