/** The webhook signatures and tokens of the channels (Telegram, WhatsApp, Slack, Twilio): HMACs, and a constant-time comparison. */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The HMAC of `data` under `key`, in `encoding` (hex for WhatsApp and Slack, base64 for Twilio). */
export function hmac(algorithm: "sha1" | "sha256", key: string, data: string | Buffer, encoding: "hex" | "base64"): string {
  return createHmac(algorithm, key).update(data).digest(encoding);
}

/** Whether a signature header equals the expected one, in constant time (both hashed first, so their lengths match). */
export function signatureMatches(header: string | undefined, expected: string): boolean {
  if (!header) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(header), digest(expected));
}
