/** Opaque keyset cursors for list endpoints (base64url JSON), and the shared limit rule. */
import { z } from "zod";
import { AppError } from "../errors.ts";

/** Default and largest page sizes. */
export const PAGE = { default: 50, max: 200 } as const;

/** The `limit` query parameter. */
export const limitSchema = z.coerce.number().int().min(1).max(PAGE.max).default(PAGE.default);

/** The `cursor` query parameter as received: opaque text, bounded. */
export const cursorParam = z.string().max(500).optional();

/** Cursor of lists ordered by a time and then an id (conversations, tickets): both are checked, so a forged cursor is a 400, not a failed query. */
export const timeIdCursor = z.object({ at: z.iso.datetime().refine((at) => !Number.isNaN(Date.parse(at))), id: z.uuid() }).strict();

/** Cursor of a conversation's message pages: the sequence number of the oldest message shown. */
export const seqCursor = z.object({ before: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) }).strict();

/** Encodes a cursor for `nextCursor`. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

/** Decodes a `cursor` query parameter, failing with VALIDATION_FAILED when it was not made by encodeCursor. */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | null {
  if (!cursor) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the error below
  }
  throw new AppError("VALIDATION_FAILED", "cursor is not valid; pass back nextCursor as it was given", { cursor: "is not valid" });
}

/** Splits rows fetched with `limit + 1` into this page and the cursor of the next one (null on the last page). */
export function splitPage<T>(rows: T[], limit: number, cursorOf: (last: T) => Record<string, unknown>): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}
