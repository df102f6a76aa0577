/** Checks a Telegram bot token with the Bot API's getMe (https://core.telegram.org/bots/api#getme). */
import type { ChannelSettings } from "../../contracts/channels.ts";
import { apiUrl, refused, type CredentialCheck } from "../credential-check.ts";
import { answerOf, getJson } from "../http.ts";

type GetMeAnswer = { ok: boolean; result: { username?: string; first_name?: string }; error_code: number; description: string };

/** Asks getMe with the bot token: the bot's @username when Telegram knows the token. */
export const verifyTelegram: CredentialCheck<ChannelSettings<"telegram">> = async (settings) => {
  const res = await getJson(apiUrl(settings.apiBaseUrl, `/bot${settings.botToken}/getMe`), "Telegram");
  const answer = answerOf<GetMeAnswer>(res);
  if (res.status === 200 && answer.ok && answer.result) {
    return { ok: true, account: answer.result.username ? `@${answer.result.username}` : (answer.result.first_name ?? "the bot") };
  }
  return refused("Telegram", answer.error_code ?? res.status, answer.description);
};
