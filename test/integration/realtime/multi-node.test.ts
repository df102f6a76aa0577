import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDTO } from "../../../src/contracts/api.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { createScratchDatabase, POSTGRES_SERVER, postgresAnswers } from "../../support/postgres.ts";
import { connectCustomer } from "../../support/widget-client.ts";

// Two server processes' worth of containers on one PostgreSQL database and one Redis: any node serves any client.
// Several nodes need a PostgreSQL server (PGlite is one process's), so this test needs one too and fails without it.
if (!(await postgresAnswers())) throw new Error(`The multi-node test needs a PostgreSQL server at ${POSTGRES_SERVER} (set TEST_POSTGRES_URL), and none answers.`);

describe("two nodes sharing PostgreSQL and Redis", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let nodeA: TestApp;
  let nodeB: TestApp;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const redisPrefix = `sbtest:${randomUUID()}`;
    nodeA = await createTestApp({ database: { url: scratch.url }, redisPrefix });
    nodeB = await createTestApp({ database: { url: scratch.url }, redisPrefix });
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await scratch?.drop();
  });

  it("a customer on node A reaches an agent on node B live, and the agent's reply on node B reaches the customer on node A", async () => {
    const cookie = await nodeB.login();
    const agentSocket: Socket = io(`${nodeB.url}/console`, { extraHeaders: { cookie }, transports: ["websocket"], forceNew: true, reconnection: false });
    const seenByAgent: MessageDTO[] = [];
    agentSocket.on("message:new", (m: MessageDTO) => seenByAgent.push(m));
    await new Promise<void>((resolve, reject) => {
      agentSocket.once("connect", () => resolve());
      agentSocket.once("connect_error", reject);
    });

    const customer = await connectCustomer(nodeA.url, nodeA.inboxId);
    const ack = (await customer.send("I want to talk to a human")) as { conversationId: string };
    await customer.waitFor((m) => m.sender.type === "system");
    await expect.poll(() => seenByAgent.some((m) => m.text === "I want to talk to a human" && m.annotation !== null), { timeout: 10_000 }).toBe(true);

    const reply = await api(nodeB.url, "POST", `/api/v1/conversations/${ack.conversationId}/messages`, { cookie, body: { text: "Hello from node B" } });
    expect(reply.status).toBe(201);
    const received = await customer.waitFor((m) => m.text === "Hello from node B");
    expect(received.sender).toEqual({ type: "agent", name: "Admin" });
    customer.close();
    agentSocket.disconnect();
  });
});
