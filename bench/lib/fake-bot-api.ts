/** A minimal Telegram Bot API on 127.0.0.1 for the channels benchmark: answers sendMessage {ok: true} and notes when each call came. */
import http from "node:http";

/** The running fake: `sentAt` holds the time (performance.now()) of every sendMessage answered. */
export type FakeBotApi = { url: string; sentAt: number[]; close(): Promise<void> };

/** Starts the fake on a free port. */
export async function startFakeBotApi(): Promise<FakeBotApi> {
  const sentAt: number[] = [];
  let next = 1;
  const server = http.createServer((req, res) => {
    req.on("data", () => undefined);
    req.on("end", () => {
      const ok = /\/sendMessage$/.test(req.url ?? "");
      if (ok) sentAt.push(performance.now());
      res.writeHead(ok ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(ok ? { ok: true, result: { message_id: next++ } } : { ok: false, error_code: 404, description: "Not Found" }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, sentAt, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
