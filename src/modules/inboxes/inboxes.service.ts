/** Inbox use cases: reading and rotating the secret that signs widget identities. */
import { randomBytes } from "node:crypto";
import type { Database } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import { findInbox, replaceInboxSecret } from "./inboxes.repo.ts";

/** Returns an inbox's identity secret, or fails with INBOX_NOT_FOUND. */
export async function inboxSecret(deps: { db: Database }, inboxId: string): Promise<string> {
  const inbox = await findInbox(deps.db, inboxId);
  if (!inbox) throw new AppError("INBOX_NOT_FOUND", `Inbox "${inboxId}" does not exist.`);
  return inbox.secret;
}

/** Draws a new identity secret for an inbox (256 random bits, hex); identities signed with the old one stop verifying. */
export async function rotateInboxSecret(deps: { db: Database }, inboxId: string): Promise<string> {
  const secret = await replaceInboxSecret(deps.db, inboxId, randomBytes(32).toString("hex"));
  if (!secret) throw new AppError("INBOX_NOT_FOUND", `Inbox "${inboxId}" does not exist.`);
  return secret;
}
