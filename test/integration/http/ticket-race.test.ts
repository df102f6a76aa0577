import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page, TicketDTO, UserDTO } from "../../../src/contracts/api.ts";
import { assertMayChangeTicket } from "../../../src/modules/policy/index.ts";
import { updateTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { AGENT_PASSWORD, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer } from "../../support/widget-client.ts";

let t: TestApp;
let admin: string;
let manager: string;
let users: UserDTO[];
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
  manager = await t.login("morgan@switchboard.local", AGENT_PASSWORD);
  users = (await api<{ data: UserDTO[] }>(t.url, "GET", "/api/v1/users", { cookie: admin })).body.data;
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const user = (email: string): UserDTO => users.find((u) => u.email === email)!;

/** A fresh hand-off ticket in the queue (no agent is online, so nobody is assigned). */
async function queuedTicket(): Promise<TicketDTO> {
  const customer = await connectCustomer(t.url, t.inboxId);
  await customer.send("I need to speak to a human");
  const notice = await customer.waitFor((m) => m.sender.type === "system");
  customer.close();
  const tickets = await api<Page<TicketDTO>>(t.url, "GET", "/api/v1/tickets?status=open&assignee=unassigned", { cookie: admin });
  return tickets.body.data.find((x) => x.conversationId === notice.conversationId)!;
}

describe("a ticket change is authorized on the state it applies to", () => {
  it("an agent taking a queued ticket that a manager assigns to someone else at that moment is refused, and the manager's assignment stands", async () => {
    const ticket = await queuedTicket();
    const alex = { ...user("alex@switchboard.local"), kind: "user" as const };
    const sam = user("sam@switchboard.local");
    const patch = { assigneeId: alex.id };
    let checks = 0;
    const taking = updateTicket(t.container.deps, ticket.id, patch, { type: "agent", id: alex.id }, async (current) => {
      checks++;
      // Between Alex's check (on the queued ticket) and the write, the manager gives the ticket to Sam, for real.
      if (checks === 1) {
        const res = await api(t.url, "PATCH", `/api/v1/tickets/${ticket.id}`, { cookie: manager, body: { assigneeId: sam.id } });
        expect(res.status).toBe(200);
      }
      assertMayChangeTicket(alex, current, patch);
    });
    await expect(taking).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(checks).toBe(2);
    const after = await api<{ data: TicketDTO & { events: { type: string }[] } }>(t.url, "GET", `/api/v1/tickets/${ticket.id}`, { cookie: admin });
    expect(after.body.data.assignee?.id).toBe(sam.id);
    // "queued": routing's record that nobody was online at the hand-off.
    expect(after.body.data.events.map((e) => e.type)).toEqual(["created", "queued", "assigned"]);
  });

  it("without a concurrent change the same take succeeds on the first check", async () => {
    const ticket = await queuedTicket();
    const alex = { ...user("alex@switchboard.local"), kind: "user" as const };
    let checks = 0;
    const taken = await updateTicket(t.container.deps, ticket.id, { assigneeId: alex.id }, { type: "agent", id: alex.id }, (current) => {
      checks++;
      assertMayChangeTicket(alex, current, { assigneeId: alex.id });
    });
    expect(taken.assigneeId).toBe(alex.id);
    expect(checks).toBe(1);
  });
});
