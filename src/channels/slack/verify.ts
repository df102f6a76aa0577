/** Checks a Slack bot token with the Web API's auth.test (https://api.slack.com/methods/auth.test). */
import type { ChannelSettings } from "../../contracts/channels.ts";
import { apiUrl, refused, type CredentialCheck } from "../credential-check.ts";
import { answerOf, postJson } from "../http.ts";

type AuthTestAnswer = { ok: boolean; team: string; user: string; error: string };

/** Posts auth.test with the bot token: the workspace (team) and the bot user's name when Slack takes it. */
export const verifySlack: CredentialCheck<ChannelSettings<"slack">> = async (settings) => {
  const res = await postJson(apiUrl(settings.apiBaseUrl, "/auth.test"), {}, "Slack", { authorization: `Bearer ${settings.botToken}` });
  const answer = answerOf<AuthTestAnswer>(res);
  if (res.status === 200 && answer.ok) return { ok: true, account: answer.user ? `${answer.team ?? "?"} (as ${answer.user})` : (answer.team ?? "Slack") };
  return refused("Slack", res.status, answer.error);
};
