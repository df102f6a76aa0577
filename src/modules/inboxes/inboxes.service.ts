/** Inbox use cases: reading and rotating the secret that signs widget identities. */
import { randomBytes } from "node:crypto";
import type { Database } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import { newInboxToken } from "./inbox-token.ts";
import { findInbox, replaceInboxSecret, updateInboxRow } from "./inboxes.repo.ts";

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

/**
 * Draws a new token for an API-channel inbox and returns it (shown this once); the old one stops working at once on
 * this node (other nodes within 30 s). 404 INBOX_NOT_FOUND; 400 VALIDATION_FAILED for an inbox of another channel.
 */
export async function rotateInboxToken(deps: { db: Database }, inboxId: string): Promise<string> {
  const inbox = await findInbox(deps.db, inboxId);
  if (!inbox) throw new AppError("INBOX_NOT_FOUND", `Inbox "${inboxId}" does not exist.`);
  if (inbox.channel !== "api") throw new AppError("VALIDATION_FAILED", "Only an API-channel inbox has a token.", { id: `is a ${inbox.channel} inbox, not an api one` });
  const { token, hash } = newInboxToken();
  await updateInboxRow(deps.db, inboxId, { tokenHash: hash });
  return token;
}
