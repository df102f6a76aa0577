/** The API channel's inbox tokens: drawn at random, shown once, stored as their SHA-256, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** What an inbox token starts with, so it is recognisable in logs and secret scanners. */
export const INBOX_TOKEN_PREFIX = "sbi_";

/** The SHA-256 of a token, hex (256 random bits need no slow hash). */
export function inboxTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new token (`sbi_` and 256 random bits, base64url) and the hash to store. */
export function newInboxToken(): { token: string; hash: string } {
  const token = `${INBOX_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: inboxTokenHash(token) };
}

/** Whether a presented token is the one whose hash is stored (false when none is stored or none presented). */
export function inboxTokenMatches(presented: string | undefined, storedHash: string | null): boolean {
  if (!presented || !storedHash) return false;
  const given = Buffer.from(inboxTokenHash(presented), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
