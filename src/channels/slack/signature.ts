/** Slack's request signing (https://api.slack.com/authentication/verifying-requests-from-slack): v0, with a 5-minute window. */
import { hmac, signatureMatches } from "../hmac.ts";

/** How far a request's timestamp may be from now (Slack's recommendation: replays older than this are refused). */
export const SLACK_TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

/** The X-Slack-Signature of a request: "v0=" and the hex HMAC-SHA256 of "v0:<timestamp>:<raw body>" under the signing secret. */
export function slackSignature(signingSecret: string, timestamp: string, raw: Buffer | string): string {
  return `v0=${hmac("sha256", signingSecret, Buffer.concat([Buffer.from(`v0:${timestamp}:`), Buffer.from(raw)]), "hex")}`;
}

/** Whether a request is Slack's: its timestamp within 5 minutes of `now` and its signature right (constant-time compare). */
export function slackRequestVerified(request: { timestamp: string | undefined; signature: string | undefined; raw: Buffer }, signingSecret: string, now: Date): boolean {
  const { timestamp, signature, raw } = request;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > SLACK_TIMESTAMP_WINDOW_MS) return false;
  return signatureMatches(signature, slackSignature(signingSecret, timestamp, raw));
}
