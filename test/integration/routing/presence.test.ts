import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserDTO } from "../../../src/contracts/api.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole, type ConsoleClient } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { createAgent, type TestAgent } from "../../support/routing-fixtures.ts";

// Short settings so a test can watch each change: away after 4.8 s without input, offline 1 s after the last console closes.
const IDLE_MINUTES = "0.08";
const GRACE_SECONDS = "1";

let t: TestApp;
let admin: string;
let observer: ConsoleClient;
const seen: UserDTO[] = [];
const opened: ConsoleClient[] = [];

beforeAll(async () => {
  t = await createTestApp({ env: { AGENT_IDLE_MINUTES: IDLE_MINUTES, AGENT_OFFLINE_GRACE_SECONDS: GRACE_SECONDS } });
  admin = await t.login();
  observer = await connectConsole(t.url, admin);
  observer.socket.on("agent:updated", (user: UserDTO) => seen.push(user));
}, 120_000);
afterAll(async () => {
  for (const c of [...opened, observer]) c?.close();
  await t?.close();
});

async function open(agent: TestAgent): Promise<ConsoleClient> {
  const client = await connectConsole(t.url, agent.cookie);
  opened.push(client);
  return client;
}

async function statusOf(agent: TestAgent): Promise<string> {
  return (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: agent.cookie })).body.data.status;
}

// Creating a user announces it too (offline): `from` skips what was seen before a point of the test.
const statusesSeen = (agent: TestAgent, from = 0): string[] => seen.slice(from).filter((u) => u.id === agent.id).map((u) => u.status);

async function activity(client: ConsoleClient): Promise<unknown> {
  return client.socket.timeout(20_000).emitWithAck("presence:activity", {});
}

describe("presence follows the console", () => {
  it("an agent whose console connects is online, and other consoles hear it live", async () => {
    const agent = await createAgent(t, admin, "Lena Live");
    expect(await statusOf(agent)).toBe("offline");
    await open(agent);
    await expect.poll(() => statusOf(agent), { timeout: 20_000 }).toBe("online");
    await expect.poll(() => statusesSeen(agent), { timeout: 20_000 }).toContain("online");
  });

  it("without input for AGENT_IDLE_MINUTES the agent turns away, and input brings them back online", async () => {
    const agent = await createAgent(t, admin, "Milo Idle");
    const client = await open(agent);
    await expect.poll(() => statusOf(agent), { timeout: 20_000 }).toBe("online");
    await expect.poll(() => statusOf(agent), { timeout: 30_000, interval: 500 }).toBe("away");
    expect(statusesSeen(agent)).toContain("away");
    expect(await activity(client)).toEqual({ data: { ok: true } });
    expect(await statusOf(agent)).toBe("online");
  });

  it("an away the agent chose stays when they type in the console; choosing online again brings them back", async () => {
    const agent = await createAgent(t, admin, "Nia Chosen");
    const client = await open(agent);
    await expect.poll(() => statusOf(agent), { timeout: 20_000 }).toBe("online");
    expect((await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: agent.cookie, body: { status: "away" } })).status).toBe(200);
    // The server stores at most one report per quarter of the idle time: this one comes after that, so it is stored.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await activity(client)).toEqual({ data: { ok: true } });
    expect(await statusOf(agent)).toBe("away");
    expect((await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: agent.cookie, body: { status: "online" } })).status).toBe(200);
    expect(await statusOf(agent)).toBe("online");
  });

  it("closing the last console takes the agent offline after the grace period; a second console keeps them present", async () => {
    const agent = await createAgent(t, admin, "Omar Tabs");
    const first = await open(agent);
    const second = await open(agent);
    await expect.poll(() => statusOf(agent), { timeout: 20_000 }).toBe("online");
    first.close();
    await first.disconnected;
    // Well past the grace period: the second console still counts.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await statusOf(agent)).not.toBe("offline");
    second.close();
    await expect.poll(() => statusOf(agent), { timeout: 20_000 }).toBe("offline");
    await expect.poll(() => statusesSeen(agent).at(-1), { timeout: 20_000 }).toBe("offline");
  });

  it("a reload (the console closes and reconnects within the grace period) never shows the agent offline", async () => {
    const agent = await createAgent(t, admin, "Pia Reload");
    const before = await open(agent);
    await expect.poll(() => statusOf(agent), { timeout: 20_000 }).toBe("online");
    await expect.poll(() => statusesSeen(agent), { timeout: 20_000 }).toContain("online");
    const mark = seen.length;
    before.close();
    await before.disconnected;
    await open(agent);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await statusOf(agent)).not.toBe("offline");
    expect(statusesSeen(agent, mark)).not.toContain("offline");
  });
});
