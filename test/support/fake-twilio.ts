/**
 * A local stand-in for Twilio's Messages API on 127.0.0.1, speaking its documented HTTP
 * (https://www.twilio.com/docs/messaging/api/message-resource): POST /2010-04-01/Accounts/<AccountSid>/Messages.json
 * with a form body and basic auth answers 201 with the message resource {sid, status: "queued", to, from, body, …};
 * errors {code, message, more_info, status}. Scripts are keyed by the recipient (To). GET /2010-04-01/Accounts/<AccountSid>.json
 * (https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource) answers the account {sid, friendly_name, status: "active", …}.
 */
import { randomBytes } from "node:crypto";
import { startFakeProvider, type FakeProvider, type ProviderAnswer, type ProviderCall } from "./fake-provider.ts";

/** The running fake: `sentTo(number)` lists the messages sent to one number. */
export type FakeTwilio = FakeProvider & { sentTo(phone: string): ProviderCall[] };

const error = (status: number, code: number, message: string): ProviderAnswer => ({ status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } });

/** Too many requests (error 20429), with Retry-After. */
export const twilioTooManyRequests = (retryAfterSec: number): ProviderAnswer => ({ ...error(429, 20429, "Too Many Requests"), headers: { "retry-after": String(retryAfterSec) } });

/** A failure on Twilio's side. */
export const twilioServerError: ProviderAnswer = error(500, 20500, "Internal Server Error");

/** The account's name the account fetch answers. */
export const FAKE_TWILIO_ACCOUNT_NAME = "Acme Support SMS";

/** Starts the fake for one account (other accounts, or a wrong auth token, get 401 error 20003). */
export async function startFakeTwilio(account: { accountSid: string; authToken: string }): Promise<FakeTwilio> {
  const basic = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`;
  const fake = await startFakeProvider({
    recipientOf: (call) => String(call.body.To),
    answer: (call) => {
      const accountPath = `/2010-04-01/Accounts/${account.accountSid}.json`;
      if (call.method === "GET" && call.path === accountPath) {
        if (call.headers.authorization !== basic) return error(401, 20003, "Authenticate");
        return { status: 200, body: { sid: account.accountSid, friendly_name: FAKE_TWILIO_ACCOUNT_NAME, status: "active", type: "Full", owner_account_sid: account.accountSid, uri: accountPath } };
      }
      if (call.path !== `/2010-04-01/Accounts/${account.accountSid}/Messages.json`) return error(404, 20404, "The requested resource was not found");
      if (call.headers.authorization !== basic) return error(401, 20003, "Authenticate");
      const sid = `SM${randomBytes(16).toString("hex")}`;
      const { To: to, From: from, Body: body } = call.body;
      return { status: 201, body: { sid, account_sid: account.accountSid, to, from, body, status: "queued", direction: "outbound-api", num_segments: "1", uri: `/2010-04-01/Accounts/${account.accountSid}/Messages/${sid}.json` } };
    },
  });
  return { ...fake, sentTo: (phone) => fake.calls.filter((call) => call.path.endsWith("/Messages.json") && call.body.To === phone) };
}
