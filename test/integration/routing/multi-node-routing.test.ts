import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserDTO } from "../../../src/contracts/api.ts";
import { tables } from "../../../src/db/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole, type ConsoleClient } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { customerConversation } from "../../support/handoff.ts";
import { createScratchDatabase, POSTGRES_SERVER, postgresAnswers } from "../../support/postgres.ts";
import { createAgent, createTeam, eventsOf, setStatus, ticketRow } from "../../support/routing-fixtures.ts";

// Two nodes on one PostgreSQL database and one Redis (PGlite is one process's, so this needs a PostgreSQL server).
if (!(await postgresAnswers())) throw new Error(`The multi-node routing test needs a PostgreSQL server at ${POSTGRES_SERVER} (set TEST_POSTGRES_URL), and none answers.`);

let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
let nodeA: TestApp;
let nodeB: TestApp;
let admin: string;
const opened: ConsoleClient[] = [];

beforeAll(async () => {
  scratch = await createScratchDatabase();
  const redisPrefix = `sbtest:${randomUUID()}`;
  const env = { AGENT_OFFLINE_GRACE_SECONDS: "1" };
  nodeA = await createTestApp({ database: { url: scratch.url }, redisPrefix, env });
  nodeB = await createTestApp({ database: { url: scratch.url }, redisPrefix, env });
  admin = await nodeA.login();
  await nodeA.container.database.db.delete(tables.teams);
}, 180_000);
afterAll(async () => {
  for (const c of opened) c.close();
  await nodeA?.close();
  await nodeB?.close();
  await scratch?.drop();
});

async function statusOf(cookie: string): Promise<string> {
  return (await api<{ data: UserDTO }>(nodeA.url, "GET", "/api/v1/auth/me", { cookie })).body.data.status;
}

describe("routing and presence on two nodes", () => {
  it("hand-offs on both nodes at once never put more conversations on an agent than their capacity", async () => {
    const solo = await createAgent(nodeA, admin, "Quinn Solo", { capacity: 1 });
    const team = await createTeam(nodeA, admin, { name: "Two-node desk", memberIds: [solo.id], intents: ["get_refund"] });
    await setStatus(nodeA, solo, "online");
    const text = "I would like a refund for the tent I sent back";
    const conversations = await Promise.all(Array.from({ length: 6 }, (_, i) => customerConversation(i % 2 ? nodeB : nodeA, text)));
    const tickets = await Promise.all(
      conversations.map((conversationId, i) => openHandoffTicket((i % 2 ? nodeB : nodeA).container.deps, { conversationId, reason: "customer_request" })),
    );
    const rows = await Promise.all(tickets.map((ticket) => ticketRow(nodeA, ticket.id)));
    expect(rows.filter((r) => r.assigneeId === solo.id)).toHaveLength(1);
    expect(rows.filter((r) => r.assigneeId === null && r.teamId === team)).toHaveLength(5);
    const queued = rows.find((r) => r.assigneeId === null)!;
    expect((await eventsOf(nodeA, queued.id)).map((e) => e.type)).toEqual(["created", "queued"]);
  });

  it("an agent with consoles on both nodes stays present when one closes, and goes offline when the last one does", async () => {
    const agent = await createAgent(nodeA, admin, "Rui Twonodes");
    const onA = await connectConsole(nodeA.url, agent.cookie);
    const onB = await connectConsole(nodeB.url, agent.cookie);
    opened.push(onA, onB);
    await expect.poll(() => statusOf(agent.cookie), { timeout: 20_000 }).toBe("online");
    onA.close();
    await onA.disconnected;
    // Well past the grace period: node A counts node B's console through Redis and keeps the agent present.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await statusOf(agent.cookie)).toBe("online");
    onB.close();
    await expect.poll(() => statusOf(agent.cookie), { timeout: 20_000 }).toBe("offline");
  });
});
