/** A conversation's attachments kept on our disk (email): found by id for an agent's download. */
import { stat } from "node:fs/promises";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import type { AttachmentFiles } from "./attachment-files.ts";
import { findAttachment, listedAttachmentHashes } from "./attachments.repo.ts";
import { getConversation } from "./conversations.service.ts";

/** A stored attachment ready to send: where its bytes are, and what the sender called it. */
export type AttachmentDownload = { path: string; name: string; contentType: string; size: number };

/** A downloadable attachment of a conversation; CONVERSATION_NOT_FOUND or ATTACHMENT_NOT_FOUND otherwise. */
export async function attachmentDownload(deps: Pick<ServiceDeps, "db">, files: AttachmentFiles, conversationId: string, attachmentId: string): Promise<AttachmentDownload> {
  await getConversation(deps, conversationId);
  const attachment = await findAttachment(deps.db, conversationId, attachmentId);
  const filePath = attachment?.sha256 ? files.pathOf(attachment.sha256) : undefined;
  // Listed but gone from the disk (a lost DATA_DIR, say) is as missing as never listed.
  const onDisk = filePath ? await stat(filePath).then(() => true, () => false) : false;
  if (!attachment || !filePath || !onDisk) throw new AppError("ATTACHMENT_NOT_FOUND");
  return { path: filePath, name: attachment.name ?? "attachment", contentType: attachment.contentType ?? "application/octet-stream", size: attachment.size ?? 0 };
}

/** Deletes the attachment files among `hashes` that no message lists any more (after an erasure rewrote their messages). */
export async function removeUnlistedAttachments(deps: Pick<ServiceDeps, "db">, files: AttachmentFiles, hashes: string[]): Promise<number> {
  const unique = [...new Set(hashes)];
  const listed = await listedAttachmentHashes(deps.db, unique);
  const unlisted = unique.filter((sha256) => !listed.has(sha256));
  for (const sha256 of unlisted) await files.remove(sha256);
  return unlisted.length;
}
