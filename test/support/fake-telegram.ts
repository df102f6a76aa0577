/**
 * A local stand-in for Telegram's Bot API on 127.0.0.1, speaking its documented JSON (https://core.telegram.org/bots/api#making-requests):
 * {ok: true, result} on success, {ok: false, error_code, description, parameters?: {retry_after}} on failure. It records
 * every sendMessage and answers each chat from a script (success once the script runs out); getMe describes FAKE_BOT.
 */
import http from "node:http";

/** One call the fake received. */
export type TelegramCall = { method: string; token: string; body: { chat_id?: string | number; text?: string }; at: number };

/** A scripted answer: the HTTP status and the Bot API body. */
export type TelegramAnswer = { status: number; body: Record<string, unknown> };

/** The running fake. */
export type FakeTelegram = {
  url: string;
  calls: TelegramCall[];
  /** Calls to sendMessage for one chat. */
  sentTo(chatId: number): TelegramCall[];
  /** Answers the next calls for a chat with these, in order. */
  script(chatId: number, answers: TelegramAnswer[]): void;
  close(): Promise<void>;
};

/** Telegram's answer to too many requests. */
export const tooManyRequests = (retryAfterSec: number): TelegramAnswer => ({
  status: 429,
  body: { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfterSec}`, parameters: { retry_after: retryAfterSec } },
});

/** A failure on Telegram's side. */
export const serverError: TelegramAnswer = { status: 500, body: { ok: false, error_code: 500, description: "Internal Server Error" } };

/** The bot getMe describes. */
export const FAKE_BOT = { id: 123456789, is_bot: true, first_name: "Switchboard Support", username: "switchboard_support_bot", can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

/** Starts the fake on a free port; with `botToken`, calls with any other token are 401 Unauthorized, as Telegram answers them. */
export async function startFakeTelegram(options: { botToken?: string } = {}): Promise<FakeTelegram> {
  const calls: TelegramCall[] = [];
  const scripts = new Map<string, TelegramAnswer[]>();
  let nextMessageId = 1000;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const [, token, method] = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(req.url ?? "") ?? [];
      const body = (raw ? JSON.parse(raw) : {}) as TelegramCall["body"];
      const reply = (answer: TelegramAnswer) => {
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.body));
      };
      if (!token || !method) return reply({ status: 404, body: { ok: false, error_code: 404, description: "Not Found" } });
      calls.push({ method, token, body, at: Date.now() });
      if (options.botToken !== undefined && token !== options.botToken) return reply({ status: 401, body: { ok: false, error_code: 401, description: "Unauthorized" } });
      if (method === "getMe") return reply({ status: 200, body: { ok: true, result: FAKE_BOT } });
      const scripted = scripts.get(String(body.chat_id))?.shift();
      if (scripted) return reply(scripted);
      reply({ status: 200, body: { ok: true, result: { message_id: nextMessageId++, chat: { id: Number(body.chat_id), type: "private" }, date: Math.floor(Date.now() / 1000), text: body.text } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    sentTo: (chatId) => calls.filter((call) => call.method === "sendMessage" && String(call.body.chat_id) === String(chatId)),
    script: (chatId, answers) => scripts.set(String(chatId), [...answers]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
