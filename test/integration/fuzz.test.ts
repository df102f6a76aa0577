/**
 * Seeded fuzz of every entry point an attacker reaches: a few hundred generated payloads each (wrong types, missing
 * fields, NUL, unpaired surrogates, huge strings, deep nesting, arrays for objects, prototype keys, malformed JSON,
 * odd headers). Each must get a 4xx (never a 5xx) or an error ack in time, and the server must stay healthy.
 * Replay a failure with FUZZ_SEED=<the seed in the test names>.
 */
import { randomUUID } from "node:crypto";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDTO, Page, TicketDTO } from "../../src/contracts/api.ts";
import { errorCatalogue } from "../../src/errors.ts";
import { ADMIN, createTestApp, type TestApp } from "../support/create-test-app.ts";
import { handshake } from "../support/socket-handshake.ts";
import { createRng, encodeAny, hostileBody, hostileHeaders, hostileQuery, hostileString, hostileValue, mutatePayload, type Rng } from "../support/fuzz.ts";
import { connectCustomer } from "../support/widget-client.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 160_916);
const PER_ENTRY = 200;
const CONCURRENCY = 6;
const REPLY_TIMEOUT_MS = 10_000;
const TEST_TIMEOUT_MS = 240_000;

let t: TestApp;
let cookie: string;
let ids: { conversation: string; ticket: string; customer: string; message: string; admin: string; cursor: string };

/** Runs `count` cases, a few at a time, and returns every failure description. */
async function runCases(count: number, one: (index: number) => Promise<string | undefined>): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        const failure = await one(index).catch((error: unknown) => `threw ${String(error)}`);
        if (failure) failures.push(`case ${index}: ${failure}`);
      }
    }),
  );
  return failures;
}

const show = (value: unknown): string => (JSON.stringify(value) ?? String(value)).slice(0, 160);

/** How many requests got a 4xx, per endpoint name: the fuzz must mostly be refused, or it is not testing much. */
const refused = new Map<string, number>();
let currentEndpoint = "";

/** Sends one HTTP request; a failure description when it answers 5xx, not at all, or (under /api/v1) without a catalogue error code. */
async function checkHttp(method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<string | undefined> {
  const label = `${method} ${path.slice(0, 160)} ${options.body === undefined ? "" : show(options.body)} ${show(options.headers ?? {})}`;
  let res: Response;
  try {
    res = await fetch(`${t.url}${path}`, { method, headers: options.headers, body: options.body, signal: AbortSignal.timeout(REPLY_TIMEOUT_MS) });
  } catch (error) {
    return `${label}: no answer (${String(error)})`;
  }
  const text = await res.text();
  if (res.status >= 400 && res.status < 500) refused.set(currentEndpoint, (refused.get(currentEndpoint) ?? 0) + 1);
  if (res.status >= 500) return `${label}: ${res.status} ${text.slice(0, 200)}`;
  // 431: Node's HTTP parser refuses an over-long URL or header block before the app sees the request.
  if (res.status >= 400 && res.status !== 431 && new URL(`${t.url}${path}`).pathname.startsWith("/api/v1/")) {
    let code: string | undefined;
    try {
      code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
    } catch {
      code = undefined;
    }
    if (!code || !(code in errorCatalogue)) return `${label}: ${res.status} without a catalogue code: ${text.slice(0, 200)}`;
  }
  return undefined;
}

/** A JSON request with a mutated body and maybe odd headers, as a console user. */
function jsonCase(rng: Rng, method: string, path: string, valid: Record<string, unknown>): Promise<string | undefined> {
  const headers = { ...hostileHeaders(rng), cookie };
  return checkHttp(method, path, { body: hostileBody(rng, mutatePayload(rng, valid)), headers });
}

/** An id for a path segment: usually right, often hostile. */
function pathId(rng: Rng, valid: string): string {
  if (rng.chance(0.3)) return valid;
  return rng.chance(0.2) ? rng.pick(["%ZZ", "%E0%A4%A", "%00", "%ED%A0%80", "..%2f..%2f", "%2e%2e"]) : encodeAny(hostileString(rng)) || "x";
}

type Ack = unknown[] | { error?: { code?: string } };

/** A failure description unless an ack is a success or an error with a catalogue code other than INTERNAL. */
function checkAck(label: string, ack: Ack): string | undefined {
  if (Array.isArray(ack) || ack === null || typeof ack !== "object" || !("error" in ack)) return undefined;
  const code = ack.error?.code;
  if (!code || !(code in errorCatalogue) || code === "INTERNAL") return `${label}: ack ${show(ack)}`;
  return undefined;
}

/** Emits with an ack (or none, or the ack alone) and checks what comes back. */
async function checkEmit(socket: Socket, rng: Rng, event: string, payload: unknown): Promise<string | undefined> {
  const label = `${event} ${show(payload)}`;
  const shape = rng.int(10);
  if (shape === 0) {
    socket.emit(event, payload);
    return undefined;
  }
  try {
    const ack = (shape === 1 ? await socket.timeout(REPLY_TIMEOUT_MS).emitWithAck(event) : await socket.timeout(REPLY_TIMEOUT_MS).emitWithAck(event, payload)) as Ack;
    return checkAck(label, ack);
  } catch (error) {
    return `${label}: no ack (${String(error)})`;
  }
}

function connectedWidget(): Promise<Socket> {
  return handshake(t.url, "/widget", { auth: { inbox: t.inboxId, visitorId: randomUUID() } }, REPLY_TIMEOUT_MS).then(({ socket, outcome }) => {
    if (outcome !== "connected") throw new Error(`widget did not connect: ${outcome}`);
    return socket;
  });
}

/** Fuzzes one socket event on a live socket, reconnecting if a payload ends the connection; then checks the socket still answers. */
async function fuzzEvent(connect: () => Promise<Socket>, rng: Rng, event: string, valid: Record<string, unknown>): Promise<string[]> {
  let socket = await connect();
  const failures = await runCases(PER_ENTRY, async () => {
    if (!socket.connected) socket = await connect();
    return checkEmit(socket, rng, event, mutatePayload(rng, valid));
  });
  // Events sent without an ack are handled too: the socket still answers afterwards.
  const probe = (await socket.timeout(REPLY_TIMEOUT_MS).emitWithAck("no-such-event", {})) as Ack;
  expect(probe).toMatchObject({ error: { code: "NOT_FOUND" } });
  socket.disconnect();
  return failures;
}

beforeAll(async () => {
  t = await createTestApp();
  cookie = await t.login();
  const customer = await connectCustomer(t.url, t.inboxId);
  const ack = (await customer.send("I want to talk to a human about order ORD-10001")) as { id: string; conversationId: string };
  await customer.waitFor((m) => m.sender.type !== "customer");
  customer.close();
  const headers = { cookie };
  const tickets = (await (await fetch(`${t.url}/api/v1/tickets?status=all`, { headers })).json()) as Page<TicketDTO>;
  const conversations = (await (await fetch(`${t.url}/api/v1/conversations?status=all&limit=1`, { headers })).json()) as Page<ConversationDTO>;
  const me = (await (await fetch(`${t.url}/api/v1/auth/me`, { headers })).json()) as { data: { id: string } };
  const conversation = conversations.data.find((c) => c.id === ack.conversationId) ?? conversations.data[0];
  ids = {
    conversation: ack.conversationId,
    ticket: tickets.data[0].id,
    customer: conversation.customer.id,
    message: ack.id,
    admin: me.data.id,
    cursor: Buffer.from(JSON.stringify({ at: new Date().toISOString(), id: ack.conversationId })).toString("base64url"),
  };
}, TEST_TIMEOUT_MS);

afterAll(async () => {
  await t?.close();
});

describe(`fuzz, seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run test/integration/fuzz.test.ts)`, () => {
  it(`REST: ${PER_ENTRY} hostile payloads per endpoint each get a 4xx with a catalogue code or a success, never a 5xx or no answer`, async () => {
    const rng = createRng(SEED);
    const endpoints: [string, (rng: Rng) => Promise<string | undefined>][] = [
      ["login", (r) => jsonCase(r, "POST", "/api/v1/auth/login", { email: ADMIN.email, password: "not-the-password" })],
      ["conversation list", (r) => checkHttp("GET", `/api/v1/conversations${hostileQuery(r, { status: "all", limit: "5", cursor: ids.cursor })}`, { headers: { cookie } })],
      ["ticket list", (r) => checkHttp("GET", `/api/v1/tickets${hostileQuery(r, { status: "all", assignee: "me", limit: "5", cursor: ids.cursor })}`, { headers: { cookie } })],
      [
        "messages",
        (r) => checkHttp("GET", `/api/v1/conversations/${pathId(r, ids.conversation)}/messages${hostileQuery(r, { limit: "5", cursor: Buffer.from('{"before":3}').toString("base64url") })}`, { headers: { cookie } }),
      ],
      ["agent reply", (r) => jsonCase(r, "POST", `/api/v1/conversations/${pathId(r, ids.conversation)}/messages`, { text: "Looking into it now.", clientMsgId: randomUUID() })],
      ["ticket patch", (r) => jsonCase(r, "PATCH", `/api/v1/tickets/${pathId(r, ids.ticket)}`, { status: "open", priority: "high", assigneeId: ids.admin })],
      ["customer patch", (r) => jsonCase(r, "PATCH", `/api/v1/customers/${pathId(r, ids.customer)}`, { name: "Pat Doe", email: "pat@example.com", phone: "+44 20 7946 0000" })],
      ["presence", (r) => jsonCase(r, "PATCH", "/api/v1/agents/me", { status: "online" })],
      ["campaign create", (r) => jsonCase(r, "POST", "/api/v1/campaigns", { name: "Fuzz", audience: { filter: { tag: ["vip"] } }, channel: "widget", message: "Hi {{name}}", throttle: 10 })],
      ["topics report", (r) => checkHttp("GET", `/api/v1/reports/topics${hostileQuery(r, { from: "2026-11-01", to: "2026-12-01", channel: "web", limit: "10" })}`, { headers: { cookie } })],
      ["one conversation or ticket", (r) => checkHttp("GET", `/api/v1/${r.pick(["conversations", "tickets"])}/${pathId(r, r.pick([ids.conversation, ids.ticket]))}`, { headers: { cookie } })],
      [
        "session cookie",
        (r) => checkHttp("GET", "/api/v1/auth/me", { headers: { cookie: `sb_session=${r.pick(["%ZZ", "%E0%A4%A", "%00", "%ED%A0%80", "", "=", "a;b", encodeAny(hostileString(r)).slice(0, 2000)])}` } }),
      ],
      ["static paths", (r) => checkHttp("GET", `/${r.pick(["console/", "", "widget.js/", "api/v1/", "console/assets/"])}${pathId(r, "index.html")}`)],
    ];
    const failures: string[] = [];
    for (const [name, one] of endpoints) {
      currentEndpoint = name;
      failures.push(...(await runCases(PER_ENTRY, () => one(rng))).map((f) => `${name} ${f}`));
    }
    expect(failures).toEqual([]);
    for (const [name] of endpoints) expect({ name, refused: refused.get(name) ?? 0 }).toEqual({ name, refused: expect.toSatisfy((n: number) => n >= PER_ENTRY / 4) });
  }, TEST_TIMEOUT_MS);

  it(`widget socket: ${PER_ENTRY} hostile handshakes and ${PER_ENTRY} payloads per event each get a connect_error code, an error ack or a success, never no answer`, async () => {
    const rng = createRng(SEED + 1);
    const failures = await runCases(PER_ENTRY, async () => {
      const raw = mutatePayload(rng, { inbox: t.inboxId, visitorId: randomUUID() });
      // socket.io sends auth as an object; anything else is wrapped so the server still sees a hostile value.
      const auth = raw !== null && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : { inbox: raw, visitorId: hostileValue(rng) };
      const { socket, outcome } = await handshake(t.url, "/widget", { auth }, REPLY_TIMEOUT_MS);
      socket.disconnect();
      if (outcome === "connected" || (outcome in errorCatalogue && outcome !== "INTERNAL")) return undefined;
      return `handshake ${show(auth)}: ${outcome}`;
    });
    failures.push(...(await fuzzEvent(connectedWidget, rng, "message:send", { clientMsgId: randomUUID(), text: "hello, where is my parcel?" })).map((f) => `message:send ${f}`));
    failures.push(...(await fuzzEvent(connectedWidget, rng, "history", { after: ids.message })).map((f) => `history ${f}`));
    failures.push(...(await fuzzEvent(connectedWidget, rng, "typing", { typing: true })).map((f) => `typing ${f}`));
    failures.push(...(await fuzzEvent(connectedWidget, rng, "message:seen", { id: ids.message })).map((f) => `message:seen ${f}`));
    expect(failures).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it(`console socket: ${PER_ENTRY} hostile session cookies are refused with UNAUTHENTICATED and ${PER_ENTRY} typing payloads get an ack`, async () => {
    const rng = createRng(SEED + 2);
    const failures = await runCases(PER_ENTRY, async () => {
      const value = rng.pick(["%ZZ", "%E0%A4%A", "%", "%00", "%ED%A0%80", "", "\"quoted\"", encodeAny(hostileString(rng)).slice(0, 2000)]);
      const header = rng.chance(0.5) ? `sb_session=${value}` : `other=1; sb_session=${value}; sb_session=${value}x`;
      const { socket, outcome } = await handshake(t.url, "/console", { cookie: header }, REPLY_TIMEOUT_MS);
      socket.disconnect();
      return outcome === "UNAUTHENTICATED" ? undefined : `cookie ${show(header)}: ${outcome}`;
    });
    const connectConsole = async (): Promise<Socket> => {
      const { socket, outcome } = await handshake(t.url, "/console", { cookie }, REPLY_TIMEOUT_MS);
      if (outcome !== "connected") throw new Error(`console did not connect: ${outcome}`);
      return socket;
    };
    failures.push(...(await fuzzEvent(connectConsole, rng, "typing", { conversationId: ids.conversation, typing: true })).map((f) => `typing ${f}`));
    expect(failures).toEqual([]);
  }, TEST_TIMEOUT_MS);

  it("after the fuzz the server is healthy, no prototype was polluted, and a customer still gets the bot's answer", async () => {
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const customer = await connectCustomer(t.url, t.inboxId);
    const ack = await customer.send("what is your refund policy?");
    expect(ack).toMatchObject({ id: expect.any(String) });
    const answer = await customer.waitFor((m) => m.sender.type === "bot");
    expect(answer.text.length).toBeGreaterThan(0);
    customer.close();
  }, TEST_TIMEOUT_MS);
});
