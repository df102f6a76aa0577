/**
 * A local stand-in for a Bot Framework channel's Bot Connector service on 127.0.0.1, as its REST API documents it
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference):
 * POST /v3/conversations/{conversationId}/activities/{activityId} (reply to an activity) and
 * POST /v3/conversations/{conversationId}/activities (send to the conversation) take an Activity and answer
 * 200 {id}. It records each activity with the Authorization header it came with; `failNext` makes the next calls
 * answer an error instead (a 429 with Retry-After, a 500 …), recorded in `refused`.
 */
import http from "node:http";

/** One activity the bot sent. */
export type ConnectorCall = { conversationId: string; replyToId?: string; authorization?: string; activity: { type?: string; text?: string; replyToId?: string; [key: string]: unknown } };

/** The running fake; its `url` is the serviceUrl activities carry. */
export type FakeBotConnector = {
  url: string;
  calls: ConnectorCall[];
  /** Activities answered with an error (see failNext). */
  refused: ConnectorCall[];
  /** The next `times` calls answer `status` (with `Retry-After: retryAfterSec` when given) and store nothing. */
  failNext(status: number, times: number, retryAfterSec?: number): void;
  close(): Promise<void>;
};

/** Starts the fake on a free port. */
export async function startFakeBotConnector(): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const refused: ConnectorCall[] = [];
  let failure: { status: number; times: number; retryAfterSec?: number } | undefined;
  let next = 1;
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(req.url ?? "");
      if (req.method !== "POST" || !match) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "NotFound", message: "Not found" } }));
        return;
      }
      const activity = (raw ? JSON.parse(raw) : {}) as ConnectorCall["activity"];
      const call: ConnectorCall = {
        conversationId: decodeURIComponent(match[1]!),
        ...(match[2] ? { replyToId: decodeURIComponent(match[2]) } : {}),
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        activity,
      };
      if (failure && failure.times > 0) {
        failure.times -= 1;
        refused.push(call);
        res.writeHead(failure.status, { "content-type": "application/json", ...(failure.retryAfterSec !== undefined ? { "retry-after": String(failure.retryAfterSec) } : {}) });
        res.end(JSON.stringify({ error: { code: failure.status === 429 ? "TooManyRequests" : "ServiceError", message: `refused with ${failure.status}` } }));
        return;
      }
      calls.push(call);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: `sent-${next++}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    refused,
    failNext: (status, times, retryAfterSec) => {
      failure = { status, times, ...(retryAfterSec !== undefined ? { retryAfterSec } : {}) };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
