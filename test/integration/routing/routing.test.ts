import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tables } from "../../../src/db/index.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole, type ConsoleClient } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { createAgent, createTeam, eventsOf, handOff, patchTicket, setStatus, ticketOf, ticketRow } from "../../support/routing-fixtures.ts";

// Texts whose intents the shipped model knows; each test checks the intent it relies on before relying on it.
const REFUND = "I would like a refund for the tent I sent back";
const WHERE_IS_MY_ORDER = "Where is my order? It still has not arrived";
const PASSWORD = "I forgot my password and cannot log in";

let t: TestApp;
let admin: string;
const sockets: ConsoleClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  await t?.close();
});

const intentOf = (text: string): string => t.container.deps.analyzer.analyze(text).intent.name;

describe("routing with the demo teams", () => {
  it("on a first start, a refund hand-off goes to the Billing team's online agent with the refund skill, and the history says why", async () => {
    expect(intentOf(REFUND)).toBe("get_refund");
    const sam = await t.login("sam@switchboard.local");
    expect((await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: sam, body: { status: "online" } })).status).toBe(200);
    const { ticketId } = await handOff(t, REFUND);
    expect((await ticketOf(t, admin, ticketId)).assignee?.name).toBe("Sam Support");
    const history = await api<{ data: { events: { type: string; data: { reason?: string } }[] } }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie: admin });
    const assigned = history.body.data.events.find((e) => e.type === "assigned");
    expect(assigned?.data.reason).toBe("routed to Sam Support: team Billing, skill get_refund, 1 of 4 open");
    expect((await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: sam, body: { status: "away" } })).status).toBe(200);
  });
});

describe("routing by team, skill and capacity", () => {
  // Each test builds its own teams and agents: the demo teams and everyone's presence are cleared first.
  beforeEach(async () => {
    await t.container.database.db.delete(tables.teams);
    await t.container.database.db.update(tables.users).set({ status: "offline" });
  });

  it("sends a conversation to the team that owns its inbox and intent, and one no team owns round-robin to any online agent", async () => {
    expect(intentOf(REFUND)).toBe("get_refund");
    expect(intentOf(WHERE_IS_MY_ORDER)).toBe("track_order");
    const ann = await createAgent(t, admin, "Ann Billing", { capacity: 5 });
    const bob = await createAgent(t, admin, "Bob Shipping", { capacity: 5 });
    const billing = await createTeam(t, admin, { name: "Billing desk", memberIds: [ann.id], inboxIds: [t.inboxId], intents: ["get_refund"] });
    const shipping = await createTeam(t, admin, { name: "Shipping desk", memberIds: [bob.id], intents: ["track_order"] });
    await setStatus(t, ann, "online");
    await setStatus(t, bob, "online");

    const refund = await handOff(t, REFUND);
    const order = await handOff(t, WHERE_IS_MY_ORDER);
    expect((await ticketOf(t, admin, refund.ticketId)).assignee?.id).toBe(ann.id);
    expect((await ticketOf(t, admin, order.ticketId)).assignee?.id).toBe(bob.id);
    expect(await ticketRow(t, refund.ticketId)).toMatchObject({ teamId: billing, routingIntent: "get_refund", routingLanguage: "en" });
    expect(await ticketRow(t, order.ticketId)).toMatchObject({ teamId: shipping, routingIntent: "track_order" });
    expect((await eventsOf(t, order.ticketId)).find((e) => e.type === "assigned")?.data).toMatchObject({
      assigneeId: bob.id,
      rule: "skills_capacity",
      teamId: shipping,
      reason: "routed to Bob Shipping: team Shipping desk, any skill, 1 of 5 open",
    });

    // "hello" names no topic and no team owns the inbox alone: today's round-robin over online agents, no team.
    const general = await handOff(t, "hello, can I talk to a person");
    const row = await ticketRow(t, general.ticketId);
    expect(row.teamId).toBeNull();
    expect([ann.id, bob.id]).toContain(row.assigneeId);
    expect((await eventsOf(t, general.ticketId)).find((e) => e.type === "assigned")?.data).toMatchObject({ rule: "round_robin", teamId: null });
  });

  it("within the team, only an agent with the needed skill gets the conversation", async () => {
    const shipper = await createAgent(t, admin, "Cleo Orders", { skills: { intents: ["track_order"], languages: ["en"] }, capacity: 5 });
    const refunder = await createAgent(t, admin, "Dev Refunds", { skills: { intents: ["get_refund"], languages: ["en"] }, capacity: 5 });
    const french = await createAgent(t, admin, "Eve Francais", { skills: { intents: [], languages: ["fr"] }, capacity: 5 });
    await createTeam(t, admin, { name: "Everything", memberIds: [shipper.id, refunder.id, french.id], intents: ["get_refund", "track_order"] });
    for (const a of [shipper, refunder, french]) await setStatus(t, a, "online");

    for (let i = 0; i < 2; i++) {
      const refund = await handOff(t, REFUND);
      expect((await ticketOf(t, admin, refund.ticketId)).assignee?.id).toBe(refunder.id);
    }
    const order = await handOff(t, WHERE_IS_MY_ORDER);
    expect((await ticketOf(t, admin, order.ticketId)).assignee?.id).toBe(shipper.id);
    const reason = (await eventsOf(t, order.ticketId)).find((e) => e.type === "assigned")?.data.reason;
    expect(reason).toBe("routed to Cleo Orders: team Everything, skill track_order, 1 of 5 open");
  });

  it("skips an agent at capacity for a busier one below it, and queues the conversation for the team when everyone is full", async () => {
    const full = await createAgent(t, admin, "Finn Full", { capacity: 1 });
    const roomy = await createAgent(t, admin, "Gia Roomy", { capacity: 3 });
    const team = await createTeam(t, admin, { name: "Capacity desk", memberIds: [full.id, roomy.id], intents: ["get_refund"] });
    // Finn takes one conversation while alone, Gia two: Finn is then full with fewer open than Gia.
    await setStatus(t, full, "online");
    await handOff(t, REFUND);
    await setStatus(t, full, "away");
    await setStatus(t, roomy, "online");
    await handOff(t, REFUND);
    await handOff(t, REFUND);
    await setStatus(t, full, "online");

    const third = await handOff(t, REFUND);
    expect((await ticketOf(t, admin, third.ticketId)).assignee?.id).toBe(roomy.id);
    expect((await eventsOf(t, third.ticketId)).find((e) => e.type === "assigned")?.data.reason).toBe("routed to Gia Roomy: team Capacity desk, any skill, 3 of 3 open");

    const queued = await handOff(t, REFUND);
    expect((await ticketOf(t, admin, queued.ticketId)).assignee).toBeNull();
    expect(await ticketRow(t, queued.ticketId)).toMatchObject({ teamId: team, assigneeId: null });
    expect((await eventsOf(t, queued.ticketId)).map((e) => e.type)).toEqual(["created", "queued"]);
    expect((await eventsOf(t, queued.ticketId))[1].data).toMatchObject({ teamId: team, reason: "queued for team Capacity desk: no online agent with skill get_refund below capacity" });
    const notice = await api<{ data: { sender: { type: string }; text: string }[] }>(t.url, "GET", `/api/v1/conversations/${queued.conversationId}/messages`, { cookie: admin });
    expect(notice.body.data.filter((m) => m.sender.type === "system").map((m) => m.text)).toEqual([expect.stringMatching(/as soon as one is available/)]);
  });

  it("takes turns among equally loaded agents: the one assigned least recently goes next", async () => {
    const a = await createAgent(t, admin, "Hal Turn", { capacity: 5 });
    const b = await createAgent(t, admin, "Ivy Turn", { capacity: 5 });
    await createTeam(t, admin, { name: "Turns", memberIds: [a.id, b.id], intents: ["get_refund"] });
    await setStatus(t, a, "online");
    await setStatus(t, b, "online");
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { ticketId } = await handOff(t, REFUND);
      const assignee = (await ticketOf(t, admin, ticketId)).assignee;
      order.push(assignee?.id ?? "none");
      // Resolved at once: both agents stay at zero open conversations, so only the turn decides.
      await patchTicket(t, admin, ticketId, { status: "resolved" });
    }
    expect(new Set(order)).toEqual(new Set([a.id, b.id]));
    expect(order[0]).not.toBe(order[1]);
    expect(order[2]).toBe(order[0]);
    expect(order[3]).toBe(order[1]);
  });

  it("a team's queue is picked up urgent first, then oldest, when an agent's console connects and again each time they free up", async () => {
    expect(intentOf(PASSWORD)).toBe("recover_password");
    const jo = await createAgent(t, admin, "Jo Queue", { capacity: 1 });
    await createTeam(t, admin, { name: "Queue desk", memberIds: [jo.id], intents: ["recover_password"] });
    const low = await handOff(t, PASSWORD);
    const urgent = await handOff(t, PASSWORD);
    const normalOld = await handOff(t, PASSWORD);
    const normalNew = await handOff(t, PASSWORD);
    await patchTicket(t, admin, low.ticketId, { priority: "low" });
    await patchTicket(t, admin, urgent.ticketId, { priority: "urgent" });
    await patchTicket(t, admin, normalOld.ticketId, { priority: "normal" });
    await patchTicket(t, admin, normalNew.ticketId, { priority: "normal" });
    for (const q of [low, urgent, normalOld, normalNew]) expect((await ticketOf(t, admin, q.ticketId)).assignee).toBeNull();

    // Jo opens the console: online, and the urgent one is theirs (capacity 1: only one).
    const console = await connectConsole(t.url, jo.cookie);
    sockets.push(console);
    await expect.poll(async () => (await ticketOf(t, admin, urgent.ticketId)).assignee?.id, { timeout: 20_000 }).toBe(jo.id);
    expect((await ticketOf(t, admin, normalOld.ticketId)).assignee).toBeNull();
    const picked = (await eventsOf(t, urgent.ticketId)).find((e) => e.type === "assigned")?.data;
    expect(picked).toMatchObject({ rule: "team_queue", reason: "picked up by Jo Queue from team Queue desk's queue: 1 of 1 open" });
    const told = await api<{ data: { sender: { type: string }; text: string }[] }>(t.url, "GET", `/api/v1/conversations/${urgent.conversationId}/messages`, { cookie: admin });
    expect(told.body.data.at(-1)).toMatchObject({ sender: { type: "system" }, text: "Jo Queue has picked up your conversation and will reply here shortly." });

    // Jo resolves it: the older of the two normal ones comes next, before the older low one.
    await patchTicket(t, jo.cookie, urgent.ticketId, { status: "resolved" });
    expect((await ticketOf(t, admin, normalOld.ticketId)).assignee?.id).toBe(jo.id);
    // Jo hands it back to the queue: it is not handed straight back, the next one is.
    await patchTicket(t, admin, normalOld.ticketId, { assigneeId: null });
    expect((await ticketOf(t, admin, normalNew.ticketId)).assignee?.id).toBe(jo.id);
    expect((await ticketOf(t, admin, normalOld.ticketId)).assignee).toBeNull();
    await patchTicket(t, jo.cookie, normalNew.ticketId, { status: "resolved" });
    expect((await ticketOf(t, admin, normalOld.ticketId)).assignee?.id).toBe(jo.id);
    expect((await ticketOf(t, admin, low.ticketId)).assignee).toBeNull();
  });

  it("PATCH /api/v1/agents/me with a status other than online or away is 400 VALIDATION_FAILED and changes nothing", async () => {
    const kim = await createAgent(t, admin, "Kim Status");
    await setStatus(t, kim, "away");
    const res = await api<{ error: { code: string } }>(t.url, "PATCH", "/api/v1/agents/me", { cookie: kim.cookie, body: { status: "offline" } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    const me = await api<{ data: { status: string } }>(t.url, "GET", "/api/v1/auth/me", { cookie: kim.cookie });
    expect(me.body.data.status).toBe("away");
  });
});
