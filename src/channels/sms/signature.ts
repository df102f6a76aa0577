/** Twilio's request signature (https://www.twilio.com/docs/usage/webhooks/webhooks-security): HMAC-SHA1 over the URL and the sorted POST parameters. */
import { hmac, signatureMatches } from "../hmac.ts";

/** A form's parameters as express.urlencoded gives them (a repeated name as a list). */
export type FormParams = Record<string, string | string[] | undefined>;

/**
 * The X-Twilio-Signature of a request: base64 of the HMAC-SHA1, under the auth token, of the full URL Twilio called
 * followed by every POST parameter sorted by name (case-sensitive), each name and value concatenated.
 */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    for (const value of [params[name] ?? []].flat().sort()) data += name + value;
  }
  return hmac("sha1", authToken, data, "base64");
}

/** Whether a request carries the signature of its URL and parameters (constant-time compare). */
export function twilioRequestVerified(header: string | undefined, authToken: string, url: string, params: FormParams): boolean {
  return signatureMatches(header, twilioSignature(authToken, url, params));
}
