import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationViewersEvent, UserDTO } from "../../../src/contracts/api.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole, type ConsoleClient } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { handedOffTicket } from "../../support/handoff.ts";
import { createScratchDatabase, POSTGRES_SERVER, postgresAnswers } from "../../support/postgres.ts";

// Two nodes on one PostgreSQL database and one Redis (several nodes need a PostgreSQL server: this test fails without one).
if (!(await postgresAnswers())) throw new Error(`The collision multi-node test needs a PostgreSQL server at ${POSTGRES_SERVER} (set TEST_POSTGRES_URL), and none answers.`);

describe("collision across two nodes", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let nodeA: TestApp;
  let nodeB: TestApp;
  const clients: ConsoleClient[] = [];
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const redisPrefix = `sbtest:${randomUUID()}`;
    nodeA = await createTestApp({ database: { url: scratch.url }, redisPrefix });
    nodeB = await createTestApp({ database: { url: scratch.url }, redisPrefix });
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await nodeA?.close();
    await nodeB?.close();
    await scratch?.drop();
  });

  it("an agent on node A sees a colleague on node B viewing and typing in the same conversation, and the colleague leaving", async () => {
    const alexCookie = await nodeA.login("alex@switchboard.local");
    const samCookie = await nodeB.login("sam@switchboard.local");
    const samId = (await api<{ data: UserDTO }>(nodeB.url, "GET", "/api/v1/auth/me", { cookie: samCookie })).body.data.id;
    const { conversationId } = await handedOffTicket(nodeA, null);
    const alex = await connectConsole(nodeA.url, alexCookie);
    const sam = await connectConsole(nodeB.url, samCookie);
    clients.push(alex, sam);
    const seen: ConversationViewersEvent[] = [];
    alex.socket.on("conversation:viewers", (e: ConversationViewersEvent) => seen.push(e));
    const latest = (): ConversationViewersEvent | undefined => seen.filter((e) => e.conversationId === conversationId).at(-1);
    const until = async (ok: () => boolean): Promise<void> => {
      await expect.poll(ok, { timeout: 20_000 }).toBe(true);
    };

    await new Promise((resolve) => alex.socket.emit("conversation:view", { conversationId }, resolve));
    await new Promise((resolve) => sam.socket.emit("conversation:view", { conversationId }, resolve));
    await until(() => latest()?.viewers.some((v) => v.userId === samId) === true);
    await new Promise((resolve) => sam.socket.emit("typing", { conversationId, typing: true }, resolve));
    await until(() => latest()?.viewers.some((v) => v.userId === samId && v.typing) === true);
    sam.close();
    await until(() => latest()?.viewers.every((v) => v.userId !== samId) === true);
  }, 120_000);
});
