/** Meta's webhook signature (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads): X-Hub-Signature-256. */
import { hmac, signatureMatches } from "../hmac.ts";

/** The X-Hub-Signature-256 of a body: "sha256=" and the hex HMAC-SHA256 of the raw body under the app secret. */
export function whatsappSignature(appSecret: string, raw: Buffer | string): string {
  return `sha256=${hmac("sha256", appSecret, raw, "hex")}`;
}

/** Whether a request's X-Hub-Signature-256 is the one of its raw body (constant-time compare). */
export function whatsappRequestVerified(header: string | undefined, appSecret: string, raw: Buffer): boolean {
  return signatureMatches(header, whatsappSignature(appSecret, raw));
}

/** Whether the hub.verify_token of Meta's verification request is the inbox's (constant-time compare). */
export function verifyTokenMatches(token: unknown, verifyToken: string): boolean {
  return typeof token === "string" && signatureMatches(token, verifyToken);
}
