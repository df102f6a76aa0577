import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../../support/api-client.ts";
import { connectConsole } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { createScratchDatabase, POSTGRES_SERVER, postgresAnswers } from "../../support/postgres.ts";

// Two nodes on one PostgreSQL database and one Redis, as in multi-node.test.ts: needs a PostgreSQL server.
if (!(await postgresAnswers())) throw new Error(`The console sessions test needs a PostgreSQL server at ${POSTGRES_SERVER} (set TEST_POSTGRES_URL), and none answers.`);

describe("ending a session with two nodes", () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let nodeA: TestApp;
  let nodeB: TestApp;
  beforeAll(async () => {
    scratch = await createScratchDatabase();
    const redisPrefix = `sbtest:${randomUUID()}`;
    nodeA = await createTestApp({ database: { url: scratch.url }, redisPrefix });
    nodeB = await createTestApp({ database: { url: scratch.url }, redisPrefix });
  }, 120_000);
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    await scratch?.drop();
  });

  it("logout on node A closes the console socket held by node B, and node B refuses the cookie at once though it had it cached", async () => {
    const cookie = await nodeA.login();
    const onB = await connectConsole(nodeB.url, cookie);
    // Node B now remembers the session (the handshake and this request authenticated it there).
    expect((await api(nodeB.url, "GET", "/api/v1/auth/me", { cookie })).status).toBe(200);
    expect((await api(nodeA.url, "POST", "/api/v1/auth/logout", { cookie })).status).toBe(204);
    expect(await onB.disconnected).toBe("io server disconnect");
    expect(onB.endedReason()).toBe("logout");
    expect(await api(nodeB.url, "GET", "/api/v1/auth/me", { cookie })).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
  }, 30_000);

  it("log out everywhere on node B closes the user's sockets on both nodes", async () => {
    const first = await nodeA.login();
    const second = await nodeB.login();
    const onA = await connectConsole(nodeA.url, first);
    const onB = await connectConsole(nodeB.url, second);
    expect((await api(nodeA.url, "GET", "/api/v1/auth/me", { cookie: first })).status).toBe(200);
    expect((await api(nodeB.url, "POST", "/api/v1/auth/logout-everywhere", { cookie: second })).status).toBe(204);
    expect(await onA.disconnected).toBe("io server disconnect");
    expect(await onB.disconnected).toBe("io server disconnect");
    expect((await api(nodeA.url, "GET", "/api/v1/auth/me", { cookie: first })).status).toBe(401);
  }, 30_000);
});
