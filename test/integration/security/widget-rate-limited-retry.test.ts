import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SocketError } from "../../../src/contracts/messages.ts";
import { connect, type Connection, type ConnectionState } from "../../../widget/src/connection.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";

// One new connection per 5 s from an address: the widget's own connection (from 127.0.0.1, like the first one) is refused.
const LIMITS = { RATE_LIMITS: "on", RATE_LIMIT_WIDGET_CONNECTIONS_IP: "1/5" };

let t: TestApp;
let first: Socket | undefined;
let widget: Connection | undefined;
beforeAll(async () => {
  t = await createTestApp({ env: LIMITS });
}, 60_000);
afterAll(async () => {
  widget?.close();
  first?.disconnect();
  await t?.close();
});

describe("the widget refused for too many connections", () => {
  it("waits the retryAfter the server gave and connects, instead of giving up like on an unknown inbox", async () => {
    first = io(`${t.url}/widget`, { auth: { inbox: t.inboxId, visitorId: randomUUID() }, transports: ["websocket"], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      first?.once("connect", () => resolve());
      first?.once("connect_error", reject);
    });

    const states: string[] = [];
    const online = new Promise<void>((resolve) => {
      widget = connect(
        { origin: t.url, path: "/socket.io", inbox: t.inboxId, visitorId: () => "first-visit-placeholder", rememberVisitorId: () => undefined },
        {
          onState: (state: ConnectionState, error?: SocketError) => states.push(error ? `${state}:${error.code}` : state),
          onConnect: () => resolve(),
          onMessage: () => undefined,
          onTyping: () => undefined,
        },
      );
    });
    await online;
    expect(states).toContain("reconnecting");
    expect(states.at(-1)).toBe("online");
    expect(states.filter((s) => s.startsWith("failed"))).toEqual([]);
  }, 30_000);
});
