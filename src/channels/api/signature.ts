/**
 * The API channel's two checks: the integrator's inbox token on inbound posts, and the signature on the replies we post
 * to its webhook (HMAC-SHA256 of "<timestamp>.<raw body>" under the inbox's webhookSecret, so a replay cannot move the time).
 */
import { hmac } from "../hmac.ts";

/** The header the signature goes in: `sha256=<hex>`. */
export const SIGNATURE_HEADER = "x-switchboard-signature";
/** The header the signing time goes in: Unix seconds. */
export const TIMESTAMP_HEADER = "x-switchboard-timestamp";

/** The token an inbound request carries: `Authorization: Bearer <token>`, else `X-Inbox-Token`. */
export function presentedToken(authorization: string | undefined, inboxTokenHeader: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
  return bearer ?? (inboxTokenHeader?.trim() || undefined);
}

/** The X-Switchboard-Signature of a reply posted at `timestamp` (Unix seconds) with this raw body. */
export function apiWebhookSignature(webhookSecret: string, timestamp: string, raw: string | Buffer): string {
  return `sha256=${hmac("sha256", webhookSecret, Buffer.concat([Buffer.from(`${timestamp}.`), Buffer.from(raw)]), "hex")}`;
}
