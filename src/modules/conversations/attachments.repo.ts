/** Queries on the attachments listed in messages' metadata. */
import { and, eq, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import type { InboundAttachment } from "./conversations.service.ts";

/** The attachment with this id among a conversation's messages, if any. */
export async function findAttachment(db: Database, conversationId: string, attachmentId: string): Promise<InboundAttachment | undefined> {
  const m = tables.messages;
  const [row] = await db
    .select({ attachments: sql<InboundAttachment[]>`${m.metadata}->'attachments'` })
    .from(m)
    .where(and(eq(m.conversationId, conversationId), sql`${m.metadata}->'attachments' @> ${JSON.stringify([{ id: attachmentId }])}::jsonb`))
    .limit(1);
  return row?.attachments.find((attachment) => attachment.id === attachmentId);
}

/** Which of these attachment files (by SHA-256) some message still lists: a file stored once may be listed by several. */
export async function listedAttachmentHashes(db: Database, hashes: string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const m = tables.messages;
  const result = (await db.execute(sql`select distinct a->>'sha256' as sha256
    from ${m} m, jsonb_array_elements(m.metadata->'attachments') a
    where jsonb_typeof(m.metadata->'attachments') = 'array' and a->>'sha256' in ${hashes}`)) as unknown as { rows: { sha256: string }[] };
  return new Set(result.rows.map((r) => r.sha256));
}
