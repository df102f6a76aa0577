import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { SHUTDOWN_GRACE_MS } from "../../../src/app.ts";
import { createTestApp } from "../../support/create-test-app.ts";
import { connectCustomer } from "../../support/widget-client.ts";

/** Opens a raw TCP connection to the server and writes `bytes`; resolves once they are sent. */
async function rawClient(url: string, bytes: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => socket.write(bytes, () => resolve()));
    socket.once("error", reject);
  });
  return socket;
}

const closed = (socket: Socket): Promise<void> => new Promise((resolve) => (socket.closed ? resolve() : socket.once("close", () => resolve())));

describe("stopping the server", () => {
  it(
    "ends within the grace period although a client is stuck halfway through a request, and cuts that client off",
    async () => {
      const t = await createTestApp();
      try {
        const customer = await connectCustomer(t.url, t.inboxId);
        // Headers begun and never finished: the connection is busy, so closing the server alone would wait for it forever.
        const stuck = await rawClient(t.url, "GET /healthz HTTP/1.1\r\nHost: switchboard.test\r\n");
        // An idle keep-alive connection is closed at once.
        const idle = await rawClient(t.url, "GET /healthz HTTP/1.1\r\nHost: switchboard.test\r\n\r\n");
        await new Promise((resolve) => idle.once("data", resolve));
        const disconnected = new Promise<string>((resolve) => customer.socket.once("disconnect", resolve));

        const started = Date.now();
        await t.app.stop();
        const took = Date.now() - started;

        expect(took).toBeGreaterThanOrEqual(SHUTDOWN_GRACE_MS - 50);
        await closed(stuck);
        await closed(idle);
        expect(await disconnected).toBe("transport close");
        expect(t.app.httpServer.listening).toBe(false);
      } finally {
        await t.close();
      }
    },
    SHUTDOWN_GRACE_MS + 60_000,
  );

  it("ends without waiting when no request is in flight", async () => {
    const t = await createTestApp();
    try {
      const customer = await connectCustomer(t.url, t.inboxId);
      const disconnected = new Promise<string>((resolve) => customer.socket.once("disconnect", resolve));
      const started = Date.now();
      await t.app.stop();
      expect(Date.now() - started).toBeLessThan(SHUTDOWN_GRACE_MS);
      expect(await disconnected).toBe("transport close");
    } finally {
      await t.close();
    }
  });
});
