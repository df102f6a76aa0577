import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageSendAck, SocketError, WidgetMessage } from "../../../src/contracts/messages.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";

// Small limits so the tests run in seconds; each test's customers speak from their own address (X-Forwarded-For,
// believed from a proxy on loopback), so one test's per-address counts do not touch another's.
const LIMITS = {
  RATE_LIMITS: "on",
  RATE_LIMIT_WIDGET_MESSAGES_VISITOR: "3/60",
  RATE_LIMIT_WIDGET_MESSAGES_BURST: "off",
  RATE_LIMIT_WIDGET_MESSAGES_IP: "5/60",
  RATE_LIMIT_WIDGET_CONNECTIONS_IP: "5/60",
  WIDGET_MAX_CONNECTIONS_PER_IP: "3",
};

let t: TestApp;
const sockets: Socket[] = [];
beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
}, 60_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await t?.close();
});

let addresses = 0;
const newAddress = (): string => `203.0.113.${++addresses}`;

function open(ip: string, visitorId: string = randomUUID()): Socket {
  const socket = io(`${t.url}/widget`, {
    auth: { inbox: t.inboxId, visitorId },
    transports: ["websocket"],
    extraHeaders: { "x-forwarded-for": ip },
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  return socket;
}

/** Connects, resolving with the socket, or with the connect_error's message and data when refused. */
function connect(ip: string): Promise<{ socket: Socket } | { refused: string; data?: SocketError }> {
  const socket = open(ip);
  return new Promise((resolve) => {
    socket.once("connect", () => resolve({ socket }));
    socket.once("connect_error", (error: Error & { data?: SocketError }) => resolve({ refused: error.message, data: error.data }));
  });
}

async function connected(ip: string): Promise<Socket> {
  const result = await connect(ip);
  if (!("socket" in result)) throw new Error(`refused: ${result.refused}`);
  return result.socket;
}

const send = (socket: Socket, text: string): Promise<MessageSendAck> =>
  socket.timeout(15_000).emitWithAck("message:send", { clientMsgId: randomUUID(), text });

/** Waits until the server has handled the closes of every socket this test closed (its namespace holds `count` sockets). */
async function serverHolds(count: number): Promise<void> {
  for (let i = 0; i < 300 && t.app.io.of("/widget").sockets.size !== count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(t.app.io.of("/widget").sockets.size).toBe(count);
}

const sentOk = (ack: MessageSendAck): boolean => !("error" in ack);

describe("widget message limits", () => {
  it("a visitor flooding messages gets RATE_LIMITED acks with retryAfter, nothing past the limit is stored, and another visitor is still served", async () => {
    const flooder = await connected(newAddress());
    const acks = await Promise.all(Array.from({ length: 12 }, (_, i) => send(flooder, `flood ${i}`)));
    expect(acks.filter(sentOk)).toHaveLength(3);
    for (const ack of acks.filter((a) => !sentOk(a))) {
      expect(ack).toMatchObject({ error: { code: "RATE_LIMITED" } });
      const retryAfter = (ack as { error: SocketError }).error.retryAfter ?? 0;
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
    const history = (await flooder.timeout(15_000).emitWithAck("history", {})) as WidgetMessage[];
    expect(history.filter((m) => m.sender.type === "customer")).toHaveLength(3);

    const other = await connected(newAddress());
    const ack = await send(other, "where is my order?");
    expect(sentOk(ack)).toBe(true);
  });

  it("limits messages per address across visitors (RATE_LIMIT_WIDGET_MESSAGES_IP)", async () => {
    const ip = newAddress();
    const first = await connected(ip);
    const second = await connected(ip);
    const acks = [];
    for (const socket of [first, first, first, second, second, second]) acks.push(await send(socket, "hello"));
    expect(acks.map(sentOk)).toEqual([true, true, true, true, true, false]);
    expect(acks[5]).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });
});

describe("widget connection limits", () => {
  it("refuses connections past WIDGET_MAX_CONNECTIONS_PER_IP open at once with connect_error RATE_LIMITED, and accepts again once one closes", async () => {
    const ip = newAddress();
    const held = [await connected(ip), await connected(ip), await connected(ip)];
    const refused = await connect(ip);
    expect(refused).toMatchObject({ refused: "RATE_LIMITED", data: { code: "RATE_LIMITED" } });
    expect("socket" in (await connect(newAddress()))).toBe(true);

    const before = t.app.io.of("/widget").sockets.size;
    held[0].disconnect();
    await serverHolds(before - 1);
    expect("socket" in (await connect(ip))).toBe(true);
  });

  it("refuses new connections past RATE_LIMIT_WIDGET_CONNECTIONS_IP per window with connect_error RATE_LIMITED and retryAfter", async () => {
    const ip = newAddress();
    const before = t.app.io.of("/widget").sockets.size;
    for (let i = 0; i < 5; i++) {
      const socket = await connected(ip);
      socket.disconnect();
      // Closed on the server too, so what refuses below is the per-window limit, not the open-connections one.
      await serverHolds(before);
    }
    const refused = await connect(ip);
    expect(refused).toMatchObject({ refused: "RATE_LIMITED", data: { code: "RATE_LIMITED" } });
    const retryAfter = "data" in refused ? (refused.data?.retryAfter ?? 0) : 0;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});
