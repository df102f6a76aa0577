/** Telegram's webhook check: the secret_token given to setWebhook comes back in X-Telegram-Bot-Api-Secret-Token. */
import { createHash, timingSafeEqual } from "node:crypto";

/** Whether the header carries the inbox's webhook secret (compared in constant time). */
export function secretTokenMatches(header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(header), digest(secret));
}
