/** Checks WhatsApp Cloud API credentials by reading the business phone number (https://developers.facebook.com/docs/graph-api/reference/whats-app-business-account-to-number-current-status/). */
import type { ChannelSettings } from "../../contracts/channels.ts";
import { apiUrl, refused, type CredentialCheck } from "../credential-check.ts";
import { answerOf, getJson } from "../http.ts";
import { WHATSAPP_API_VERSION } from "./outbound.ts";

type PhoneNumberAnswer = { verified_name: string; display_phone_number: string; error: { message?: string; code?: number } };

/** Reads the phone number with the access token: its verified business name and number when the token reaches it. */
export const verifyWhatsapp: CredentialCheck<ChannelSettings<"whatsapp">> = async (settings) => {
  const url = apiUrl(settings.apiBaseUrl, `/${WHATSAPP_API_VERSION}/${settings.phoneNumberId}`);
  const res = await getJson(url, "WhatsApp", { authorization: `Bearer ${settings.accessToken}` });
  const answer = answerOf<PhoneNumberAnswer>(res);
  if (res.status === 200 && !answer.error && (answer.verified_name || answer.display_phone_number)) {
    return { ok: true, account: [answer.verified_name, answer.display_phone_number && `(${answer.display_phone_number})`].filter(Boolean).join(" ") };
  }
  const code = answer.error?.code === undefined ? "" : ` (code ${answer.error.code})`;
  return refused("WhatsApp", res.status, answer.error?.message ? `${answer.error.message}${code}` : undefined);
};
