import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageDTO } from "../../../src/contracts/api.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { createScratchDatabase, POSTGRES_SERVER, postgresAnswers } from "../../support/postgres.ts";
import { connectCustomer } from "../../support/widget-client.ts";
import { say } from "../../../bots/strings.ts";
import { answeredMessages } from "../../support/stored-answers.ts";

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

  it("back-to-back messages of one customer sent to different nodes are answered once each, in the order they were committed", async () => {
    const customers = 40;
    const conversations = await Promise.all(
      Array.from({ length: customers }, async (_, i) => {
        // One visitor with a tab on each node; the first message goes to one node, the second to the other: right after
        // the first is acknowledged (as the widget sends), or for every other customer without waiting at all.
        const [first, second] = i % 2 === 0 ? [nodeA, nodeB] : [nodeB, nodeA];
        const tabOne = await connectCustomer(first.url, first.inboxId);
        const tabTwo = await connectCustomer(second.url, second.inboxId, tabOne.visitorId);
        const asking = tabOne.send("where is my order?");
        if (i % 4 < 2) await asking;
        const [asked, gave] = (await Promise.all([asking, tabTwo.send("ORD-10001")])) as { id: string; conversationId: string }[];
        expect(gave.conversationId).toBe(asked.conversationId);
        await tabOne.waitFor(() => tabOne.received.filter((m) => m.sender.type === "bot").length >= 2, 30_000);
        tabOne.close();
        tabTwo.close();
        return { conversationId: asked.conversationId, asked: asked.id, gave: gave.id };
      }),
    );
    const stored = await answeredMessages(nodeA.container.database.db, conversations.map((c) => c.conversationId));
    const byId = new Map(stored.map((m) => [m.id, m]));
    for (const c of conversations) {
      const [earlier, later] = [byId.get(c.asked)!, byId.get(c.gave)!].sort((a, b) => a.seq - b.seq);
      expect(earlier.replies.map((r) => r.key), "one answer to the earlier message").toEqual([`bot:${earlier.id}:0`]);
      expect(later.replies.map((r) => r.key), "one answer to the later message").toEqual([`bot:${later.id}:0`]);
      expect(earlier.replies[0].seq, "the earlier message's answer comes first").toBeLessThan(later.replies[0].seq);
      // Asked first, the bot asks for the number, and only then answers about the order.
      if (earlier.id === c.asked) expect(earlier.replies[0].text).toBe(say.askOrderNumber);
      if (earlier.id === c.asked) expect(later.replies[0].text).toMatch(/ORD-10001/);
    }
  }, 120_000);
});
