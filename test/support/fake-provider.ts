/**
 * The common part of the local stand-ins for WhatsApp, Slack and Twilio on 127.0.0.1: records every request (path,
 * headers, the parsed JSON or form body) and answers each recipient from a script, then with the provider's success.
 */
import http from "node:http";

/** One request the fake received, and what it answered. */
export type ProviderCall = { method: string; path: string; headers: http.IncomingHttpHeaders; body: Record<string, unknown>; raw: string; at: number; answer?: ProviderAnswer };

/** A scripted answer: the HTTP status, headers (Retry-After…) and the JSON body. */
export type ProviderAnswer = { status: number; headers?: Record<string, string>; body: Record<string, unknown> };

/** The running fake. */
export type FakeProvider = {
  url: string;
  calls: ProviderCall[];
  /** Answers the next calls for a recipient with these, in order. */
  script(recipient: string, answers: ProviderAnswer[]): void;
  close(): Promise<void>;
};

/**
 * Starts a fake on a free port. `recipientOf` names the recipient of a call (for scripts); `answer` gives the
 * provider's answer when no script is left for it.
 */
export async function startFakeProvider(options: { recipientOf: (call: ProviderCall) => string; answer: (call: ProviderCall) => ProviderAnswer }): Promise<FakeProvider> {
  const calls: ProviderCall[] = [];
  const scripts = new Map<string, ProviderAnswer[]>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      const form = req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded");
      const body = form ? Object.fromEntries(new URLSearchParams(raw)) : ((raw ? JSON.parse(raw) : {}) as Record<string, unknown>);
      const call: ProviderCall = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body, raw, at: Date.now() };
      calls.push(call);
      const answer = scripts.get(options.recipientOf(call))?.shift() ?? options.answer(call);
      call.answer = answer;
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    script: (recipient, answers) => scripts.set(recipient, [...answers]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
