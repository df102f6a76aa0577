/**
 * A local stand-in for Slack's Web API on 127.0.0.1, speaking its documented JSON (https://api.slack.com/methods/chat.postMessage):
 * POST /chat.postMessage answers 200 {ok: true, channel, ts, message}; refusals 200 {ok: false, error}; rate limits
 * 429 with Retry-After and {ok: false, error: "ratelimited"}. Scripts are keyed by the thread (thread_ts). POST /auth.test
 * (https://api.slack.com/methods/auth.test) answers {ok: true, url, team, user, team_id, user_id, bot_id}, or
 * {ok: false, error: "invalid_auth"} for a token other than the one given.
 */
import { startFakeProvider, type FakeProvider, type ProviderAnswer, type ProviderCall } from "./fake-provider.ts";

/** The running fake: `postedIn(threadTs)` lists the messages posted in one thread. */
export type FakeSlack = FakeProvider & { postedIn(threadTs: string): ProviderCall[] };

/** Slack's rate limit. */
export const rateLimited = (retryAfterSec: number): ProviderAnswer => ({ status: 429, headers: { "retry-after": String(retryAfterSec) }, body: { ok: false, error: "ratelimited" } });

/** A failure on Slack's side. */
export const slackServerError: ProviderAnswer = { status: 500, body: { ok: false, error: "internal_error" } };

/** A refusal Slack answers with 200. */
export const slackRefusal = (error: string): ProviderAnswer => ({ status: 200, body: { ok: false, error } });

/** The workspace and bot user auth.test names. */
export const FAKE_SLACK_TEAM = { team: "Acme Support", user: "switchboard" };

/** Starts the fake; the n-th posted message's ts is `1700000000.<n, 6 digits>`; with `botToken`, other tokens are invalid_auth. */
export async function startFakeSlack(options: { botToken?: string } = {}): Promise<FakeSlack> {
  let next = 1;
  const fake = await startFakeProvider({
    recipientOf: (call) => String(call.body.thread_ts),
    answer: (call) => {
      const authorization = String(call.headers.authorization ?? "");
      if (!authorization.startsWith("Bearer xoxb-")) return slackRefusal("not_authed");
      if (options.botToken !== undefined && authorization !== `Bearer ${options.botToken}`) return slackRefusal("invalid_auth");
      if (call.path === "/auth.test") return { status: 200, body: { ok: true, url: "https://acme-support.slack.com/", ...FAKE_SLACK_TEAM, team_id: "T0FAKE", user_id: "U0FAKE", bot_id: "B0FAKE", is_enterprise_install: false } };
      if (call.path !== "/chat.postMessage") return { status: 200, body: { ok: false, error: "unknown_method" } };
      const ts = `1700000000.${String(next++).padStart(6, "0")}`;
      return { status: 200, body: { ok: true, channel: call.body.channel, ts, message: { type: "message", subtype: "bot_message", text: call.body.text, ts, thread_ts: call.body.thread_ts, bot_id: "B0FAKE" } } };
    },
  });
  return { ...fake, postedIn: (threadTs) => fake.calls.filter((call) => call.path === "/chat.postMessage" && call.body.thread_ts === threadTs) };
}
