import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketDTO } from "../../../src/contracts/api.ts";
import type { NotificationDTO } from "../../../src/contracts/helpdesk.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole, type ConsoleClient } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { createAgent, createTeam, eventsOf, handOff, patchTicket, setStatus, ticketOf, type TestAgent } from "../../support/routing-fixtures.ts";

const REFUND = "I would like a refund for the tent I sent back";

let t: TestApp;
let admin: string;
let alex: { id: string; cookie: string };
let rita: TestAgent;
let pete: TestAgent;
let olga: TestAgent;
let team: string;
const clients: ConsoleClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
  const cookie = await t.login("alex@switchboard.local");
  alex = { cookie, id: (await api<{ data: { id: string } }>(t.url, "GET", "/api/v1/auth/me", { cookie })).body.data.id };
  // Escalations: Rita handles refunds (capacity 2), Pete orders only, Olga anything but is never online here.
  rita = await createAgent(t, admin, "Rita Refunds", { skills: { intents: ["get_refund"], languages: [] }, capacity: 2 });
  pete = await createAgent(t, admin, "Pete Parcels", { skills: { intents: ["track_order"], languages: [] }, capacity: 2 });
  olga = await createAgent(t, admin, "Olga Oncall", { capacity: 2 });
  // No inboxes and no intents: the team owns nothing by itself; tickets reach it only by transfer.
  team = await createTeam(t, admin, { name: "Escalations", memberIds: [rita.id, pete.id, olga.id] });
}, 120_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await t?.close();
});

function record<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

async function waitFor<T>(read: () => T | undefined | Promise<T | undefined>, timeout = 20_000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const notificationsOf = async (cookie: string) => (await api<{ data: NotificationDTO[] }>(t.url, "GET", "/api/v1/notifications", { cookie })).body.data;

/** A refund hand-off assigned to Alex (who is not in the team). */
async function alexsTicket(): Promise<{ ticketId: string; conversationId: string }> {
  const { ticketId, conversationId, intent } = await handOff(t, REFUND);
  expect(intent).toBe("get_refund");
  await patchTicket(t, admin, ticketId, { assigneeId: alex.id });
  return { ticketId, conversationId };
}

describe("a transfer to a team", () => {
  it("routes the ticket within the team to the online agent with the skill, who is notified live with the note", async () => {
    const ritaConsole = await connectConsole(t.url, rita.cookie);
    clients.push(ritaConsole);
    const told = record<NotificationDTO>(ritaConsole.socket, "notification:new");
    await setStatus(t, rita, "online");
    await setStatus(t, pete, "online");
    const { ticketId } = await alexsTicket();
    const res = await api<{ data: TicketDTO }>(t.url, "POST", `/api/v1/tickets/${ticketId}/transfer`, { cookie: alex.cookie, body: { teamId: team, note: "Needs a refund specialist" } });
    expect(res.status).toBe(200);
    // Pete is online too, but only Rita has the refund skill.
    expect(res.body.data).toMatchObject({ assignee: { id: rita.id, name: "Rita Refunds" }, team: { id: team, name: "Escalations" } });
    const notice = await waitFor(() => told.find((n) => n.data.ticketId === ticketId));
    expect(notice).toMatchObject({ type: "assigned", data: { by: "Alex Agent", text: "Needs a refund specialist" } });
    const events = (await eventsOf(t, ticketId)).map((e) => [e.type, e.data]);
    expect(events.slice(-3)).toEqual([
      ["team_changed", { from: expect.toSatisfy((v) => v === null || typeof v === "string"), to: team }],
      ["unassigned", { from: alex.id, to: null, teamId: team, note: "Needs a refund specialist" }],
      ["assigned", { assigneeId: rita.id, rule: "skills_capacity", teamId: team, reason: "routed to Rita Refunds: team Escalations, skill get_refund, 1 of 2 open" }],
    ]);
    // Nobody else in the team was bothered.
    expect((await notificationsOf(pete.cookie)).filter((n) => n.data.ticketId === ticketId)).toEqual([]);
  });

  it("with no one available, queues it for the team and notifies every member; the first to come online picks it up", async () => {
    await setStatus(t, rita, "away");
    await setStatus(t, pete, "away");
    const { ticketId } = await alexsTicket();
    const manager = await t.login("morgan@switchboard.local");
    await patchTicket(t, manager, ticketId, { teamId: team });
    expect(await ticketOf(t, admin, ticketId)).toMatchObject({ assignee: null });
    const events = await eventsOf(t, ticketId);
    expect(events.at(-1)).toMatchObject({ type: "queued", data: { teamId: team, teamName: "Escalations", reason: "queued for team Escalations: no online agent with skill get_refund below capacity" } });
    for (const member of [rita, pete, olga]) {
      const mine = await waitFor(async () => (await notificationsOf(member.cookie)).find((n) => n.data.ticketId === ticketId));
      expect(mine).toMatchObject({ type: "team_queued", data: { team: "Escalations", by: "Morgan Manager", conversationId: expect.any(String), ticketNumber: expect.any(Number) } });
    }
    // Alex, who had it, is not a member and hears nothing more of it.
    expect((await notificationsOf(alex.cookie)).filter((n) => n.data.ticketId === ticketId && n.type === "team_queued")).toEqual([]);
    await setStatus(t, rita, "online");
    expect((await ticketOf(t, admin, ticketId)).assignee?.id).toBe(rita.id);
  });

  it("a ticket whose agent is a member of the new team stays with them", async () => {
    await setStatus(t, pete, "online");
    const { ticketId } = await handOff(t, REFUND);
    await patchTicket(t, admin, ticketId, { assigneeId: olga.id });
    await patchTicket(t, admin, ticketId, { teamId: team });
    expect(await ticketOf(t, admin, ticketId)).toMatchObject({ assignee: { id: olga.id } });
    expect((await eventsOf(t, ticketId)).at(-1)).toMatchObject({ type: "team_changed", data: { to: team } });
  });
});
