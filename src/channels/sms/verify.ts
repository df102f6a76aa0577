/** Checks Twilio credentials by fetching the account (https://www.twilio.com/docs/iam/api/account#fetch-an-account-resource). */
import type { ChannelSettings } from "../../contracts/channels.ts";
import { apiUrl, refused, type CredentialCheck } from "../credential-check.ts";
import { answerOf, getJson } from "../http.ts";

type AccountAnswer = { friendly_name: string; status: "active" | "suspended" | "closed"; code: number; message: string };

/** Fetches the account as itself (basic auth): its friendly name when active; a suspended or closed account cannot send. */
export const verifySms: CredentialCheck<ChannelSettings<"sms">> = async (settings) => {
  const basic = Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64");
  const res = await getJson(apiUrl(settings.apiBaseUrl, `/2010-04-01/Accounts/${settings.accountSid}.json`), "Twilio", { authorization: `Basic ${basic}` });
  const answer = answerOf<AccountAnswer>(res);
  if (res.status === 200 && answer.status === "active") return { ok: true, account: answer.friendly_name ?? settings.accountSid };
  if (res.status === 200) return { ok: false, reason: `the Twilio account is ${answer.status ?? "not active"}` };
  return refused("Twilio", res.status, answer.message ? `${answer.message}${answer.code ? ` (error ${answer.code})` : ""}` : undefined);
};
