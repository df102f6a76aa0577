/** Telegram's webhook check: the secret_token given to setWebhook comes back in X-Telegram-Bot-Api-Secret-Token. */
import { signatureMatches } from "../hmac.ts";

/** Whether the header carries the inbox's webhook secret (compared in constant time). */
export function secretTokenMatches(header: string | undefined, secret: string): boolean {
  return signatureMatches(header, secret);
}
