import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketWithEventsDTO, UserDTO } from "../../../src/contracts/api.ts";
import type { AuditEntryDTO, NotificationDTO, TeamDTO } from "../../../src/contracts/helpdesk.ts";
import type { InboxBusinessHoursDTO, SlaPolicyDTO } from "../../../src/contracts/sla.ts";
import { tables } from "../../../src/db/index.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket, runSlaScan, updateTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

// The timers run on PGlite and on the PostgreSQL server (where two scans really run at once on two connections).
describe.each(testEngines())("SLA on $name", (engine) => {
  // Friday 4 December 2026, 15:00 in Paris (UTC+1).
  let clock = new Date("2026-12-04T14:00:00Z");
  const MIN = 60_000;
  let t: TestApp;
  let admin: string;
  let agent: string;
  let manager: string;
  let managerId: string;
  let agentId: string;

  const nineToFive = [{ start: "09:00", end: "17:00" }];
  const parisHours = {
    timeZone: "Europe/Paris",
    weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] },
    holidays: ["2026-12-25"],
    offlineMessage: "We are closed; we reply on Monday.",
  };

  beforeAll(async () => {
    // The scan runs when a test calls it (SLA_SCAN_SECONDS=0); sessions outlive the days the clock moves forward.
    t = await createTestApp({ database: await engine.open(), now: () => clock, env: { SLA_SCAN_SECONDS: "0", SESSION_IDLE_MINUTES: "525600", SESSION_MAX_AGE_HOURS: "8760" } });
    admin = await t.login();
    agent = await t.login("alex@switchboard.local");
    manager = await t.login("morgan@switchboard.local");
    managerId = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: manager })).body.data.id;
    agentId = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: agent })).body.data.id;
    const put = await api(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin, body: parisHours });
    expect(put.status).toBe(200);
    // Tickets are timed from when their priority's policy exists at the earliest: the demo's normal policy is made again
    // on the test's clock, before the tickets below open.
    clock = new Date("2026-12-01T00:00:00Z");
    const normal = (await api<{ data: SlaPolicyDTO[] }>(t.url, "GET", "/api/v1/sla-policies", { cookie: admin })).body.data.find((p) => p.priority === "normal");
    expect((await api(t.url, "DELETE", `/api/v1/sla-policies/${normal?.id}`, { cookie: admin })).status).toBe(204);
    const body = { priority: "normal", firstResponseMinutes: 240, nextResponseMinutes: 480, resolutionMinutes: 1440 };
    expect((await api(t.url, "POST", "/api/v1/sla-policies", { cookie: admin, body })).status).toBe(201);
    clock = new Date("2026-12-04T14:00:00Z");
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 200; i++) {
      const value = await read();
      if (ok(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("condition never held");
  }

  const getTicket = async (id: string) => (await api<{ data: TicketWithEventsDTO }>(t.url, "GET", `/api/v1/tickets/${id}`, { cookie: admin })).body.data;

  /** A customer's conversation handed off, its ticket at this priority; returns ids and a way for the customer to write again. */
  async function openTicket(priority: "low" | "normal" | "high" | "urgent" = "normal") {
    const external = randomUUID();
    const say = (text: string) =>
      receiveCustomerMessage(t.container.deps, { inboxId: t.inboxId, channel: "web", externalUserId: external, externalConversationId: external, text, answeredInTurn: true });
    const { conversation } = await say("I need a person to look at my broken tent");
    const ticket = await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
    await updateTicket(t.container.deps, ticket.id, { priority, assigneeId: agentId }, { type: "system", id: null });
    // Timed on the asked priority (the ticket may have opened at another one and been re-timed).
    await until(() => t.container.database.db.select().from(tables.ticketSlaTargets).where(eq(tables.ticketSlaTargets.ticketId, ticket.id)), (rows) => rows.length === 2 && rows.every((r) => r.priority === priority));
    const dto = await getTicket(ticket.id);
    return { ticketId: ticket.id, conversationId: conversation.id, say, dto };
  }

  async function auditOf(action: string): Promise<AuditEntryDTO[]> {
    return (await api<{ data: AuditEntryDTO[] }>(t.url, "GET", `/api/v1/audit-log?action=${action}`, { cookie: admin })).body.data;
  }

  describe("SLA policies (admins)", () => {
    it("lists the demo's policy of every priority, most urgent first", async () => {
      const res = await api<{ data: SlaPolicyDTO[] }>(t.url, "GET", "/api/v1/sla-policies", { cookie: admin });
      expect(res.status).toBe(200);
      expect(res.body.data.map((p) => p.priority)).toEqual(["urgent", "high", "normal", "low"]);
      expect(res.body.data[2]).toMatchObject({ firstResponseMinutes: 240, nextResponseMinutes: 480, resolutionMinutes: 1440, businessHours: true, warnAtPercent: 80 });
    });

    it("an admin deletes, adds and changes a policy, each change in the audit log; a second policy for a priority is 409 SLA_POLICY_EXISTS", async () => {
      const list = (await api<{ data: SlaPolicyDTO[] }>(t.url, "GET", "/api/v1/sla-policies", { cookie: admin })).body.data;
      const low = list.find((p) => p.priority === "low");
      expect((await api(t.url, "DELETE", `/api/v1/sla-policies/${low?.id}`, { cookie: admin })).status).toBe(204);
      const body = { priority: "low", firstResponseMinutes: 600, nextResponseMinutes: 900, resolutionMinutes: 3000 };
      const created = await api<{ data: SlaPolicyDTO }>(t.url, "POST", "/api/v1/sla-policies", { cookie: admin, body });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ ...body, businessHours: true, warnAtPercent: 80 });
      const again = await api<{ error: { code: string } }>(t.url, "POST", "/api/v1/sla-policies", { cookie: admin, body });
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe("SLA_POLICY_EXISTS");
      const changed = await api<{ data: SlaPolicyDTO }>(t.url, "PATCH", `/api/v1/sla-policies/${created.body.data.id}`, { cookie: admin, body: { firstResponseMinutes: 480, businessHours: false } });
      expect(changed.status).toBe(200);
      expect(changed.body.data).toMatchObject({ firstResponseMinutes: 480, businessHours: false, resolutionMinutes: 3000 });
      const [updated] = await auditOf("sla_policy.updated");
      expect(updated).toMatchObject({ target: { type: "sla_policy", id: created.body.data.id }, before: { firstResponseMinutes: 600, businessHours: true }, after: { firstResponseMinutes: 480, businessHours: false } });
      expect((await auditOf("sla_policy.created"))[0].after).toMatchObject({ priority: "low", firstResponseMinutes: 600 });
      expect((await auditOf("sla_policy.deleted"))[0]).toMatchObject({ target: { id: low?.id }, before: { priority: "low" }, after: null });
    });

    it("bad input is 400 VALIDATION_FAILED naming the field; an unknown policy is 404 SLA_POLICY_NOT_FOUND", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ priority: "whenever", firstResponseMinutes: 1, nextResponseMinutes: 1, resolutionMinutes: 1 }, "priority"],
        [{ priority: "low", firstResponseMinutes: 0, nextResponseMinutes: 1, resolutionMinutes: 1 }, "firstResponseMinutes"],
        [{ priority: "low", firstResponseMinutes: 1, nextResponseMinutes: 1.5, resolutionMinutes: 1 }, "nextResponseMinutes"],
        [{ priority: "low", firstResponseMinutes: 1, nextResponseMinutes: 1, resolutionMinutes: 1, warnAtPercent: 100 }, "warnAtPercent"],
      ];
      for (const [body, field] of cases) {
        const res = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", "/api/v1/sla-policies", { cookie: admin, body });
        expect(res.status, field).toBe(400);
        expect(res.body.error.code).toBe("VALIDATION_FAILED");
        expect(Object.keys(res.body.error.fields)).toContain(field);
      }
      const missing = await api<{ error: { code: string } }>(t.url, "PATCH", `/api/v1/sla-policies/${randomUUID()}`, { cookie: admin, body: { warnAtPercent: 50 } });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("SLA_POLICY_NOT_FOUND");
    });

    it("every SLA policy and business-hours route is refused to agents and managers with 403 FORBIDDEN, and nothing changes", async () => {
      const [policy] = (await api<{ data: SlaPolicyDTO[] }>(t.url, "GET", "/api/v1/sla-policies", { cookie: admin })).body.data;
      for (const cookie of [agent, manager]) {
        const calls: [string, string, unknown?][] = [
          ["GET", "/api/v1/sla-policies"],
          ["POST", "/api/v1/sla-policies", { priority: "low", firstResponseMinutes: 1, nextResponseMinutes: 1, resolutionMinutes: 1 }],
          ["PATCH", `/api/v1/sla-policies/${policy.id}`, { firstResponseMinutes: 1 }],
          ["DELETE", `/api/v1/sla-policies/${policy.id}`],
          ["GET", `/api/v1/inboxes/${t.inboxId}/business-hours`],
          ["PUT", `/api/v1/inboxes/${t.inboxId}/business-hours`, parisHours],
          ["DELETE", `/api/v1/inboxes/${t.inboxId}/business-hours`],
        ];
        for (const [method, path, body] of calls) {
          const res = await api<{ error: { code: string } }>(t.url, method, path, { cookie, body });
          expect(res.status, `${method} ${path}`).toBe(403);
          expect(res.body.error.code).toBe("FORBIDDEN");
        }
      }
      const after = (await api<{ data: SlaPolicyDTO[] }>(t.url, "GET", "/api/v1/sla-policies", { cookie: admin })).body.data;
      expect(after.find((p) => p.id === policy.id)).toEqual(policy);
      const hours = await api<{ data: InboxBusinessHoursDTO }>(t.url, "GET", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin });
      expect(hours.body.data.businessHours).toEqual(parisHours);
    });
  });

  describe("business hours per inbox", () => {
    it("an admin reads the hours with whether the inbox is open now (Friday 15:00 in Paris: open); the change is in the audit log", async () => {
      const res = await api<{ data: InboxBusinessHoursDTO }>(t.url, "GET", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin });
      expect(res.body.data).toEqual({ inboxId: t.inboxId, businessHours: parisHours, openNow: true });
      const [entry] = await auditOf("inbox.business_hours_changed");
      expect(entry).toMatchObject({ target: { type: "inbox", id: t.inboxId }, after: { businessHours: parisHours } });
    });

    it("a bad time zone, overlapping ranges, a range ending before it starts, a bad date and a week with no hours are 400 naming the field; the stored hours stay", async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ ...parisHours, timeZone: "Mars/Olympus_Mons" }, "timeZone"],
        [{ ...parisHours, weekly: { ...parisHours.weekly, mon: [{ start: "09:00", end: "13:00" }, { start: "12:00", end: "17:00" }] } }, "weekly.mon.1"],
        [{ ...parisHours, weekly: { ...parisHours.weekly, tue: [{ start: "17:00", end: "09:00" }] } }, "weekly.tue.0.end"],
        [{ ...parisHours, weekly: { ...parisHours.weekly, wed: [{ start: "9am", end: "17:00" }] } }, "weekly.wed.0.start"],
        [{ ...parisHours, holidays: ["2026-02-30"] }, "holidays.0"],
        [{ ...parisHours, weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } }, "weekly"],
      ];
      for (const [body, field] of cases) {
        const res = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin, body });
        expect(res.status, field).toBe(400);
        expect(res.body.error.code).toBe("VALIDATION_FAILED");
        expect(Object.keys(res.body.error.fields), JSON.stringify(res.body.error.fields)).toContain(field);
      }
      const overlap = await api<{ error: { fields: Record<string, string> } }>(t.url, "PUT", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin, body: cases[1][0] });
      expect(overlap.body.error.fields["weekly.mon.1"]).toMatch(/overlap/);
      const stored = await api<{ data: InboxBusinessHoursDTO }>(t.url, "GET", `/api/v1/inboxes/${t.inboxId}/business-hours`, { cookie: admin });
      expect(stored.body.data.businessHours).toEqual(parisHours);
      const missing = await api<{ error: { code: string } }>(t.url, "PUT", "/api/v1/inboxes/no-such-inbox/business-hours", { cookie: admin, body: parisHours });
      expect(missing.status).toBe(404);
      expect(missing.body.error.code).toBe("INBOX_NOT_FOUND");
    });
  });

  describe("SLA timers on tickets", () => {
    it("a normal ticket opened Friday 15:00 in Paris has its first response due Monday 11:00 (4 business hours over the weekend) and its resolution Wednesday 15:00", async () => {
      clock = new Date("2026-12-04T14:00:00Z");
      const { ticketId, dto } = await openTicket("normal");
      expect(dto.sla).toEqual({ metric: "first_response", dueAt: "2026-12-07T10:00:00.000Z", breached: false, warned: false });
      const rows = await t.container.database.db.select().from(tables.ticketSlaTargets).where(eq(tables.ticketSlaTargets.ticketId, ticketId));
      const byMetric = Object.fromEntries(rows.map((r) => [r.metric, r]));
      // 24 business hours: Friday 2, Monday 8, Tuesday 8, Wednesday 6.
      expect(byMetric.resolution.dueAt.toISOString()).toBe("2026-12-09T14:00:00.000Z");
      // The warning at 80 % of 4 business hours: 3 h 12 min, i.e. Monday 10:12 in Paris.
      expect(byMetric.first_response.warnAt.toISOString()).toBe("2026-12-07T09:12:00.000Z");
      await updateTicket(t.container.deps, ticketId, { status: "resolved" }, { type: "system", id: null });
    });

    it("an agent's reply meets the first response; the customer's next message starts a next-response target; resolving stops every target", async () => {
      clock = new Date("2026-12-04T14:00:00Z");
      const { ticketId, conversationId, say } = await openTicket("normal");
      clock = new Date("2026-12-04T14:30:00Z");
      const reply = await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { cookie: agent, body: { text: "Hello, I'm looking at it." } });
      expect(reply.status).toBe(201);
      const answered = await until(() => getTicket(ticketId), (d) => d.sla?.metric === "resolution");
      expect(answered.sla).toMatchObject({ metric: "resolution", breached: false });
      const [first] = await t.container.database.db.select().from(tables.ticketSlaTargets).where(eq(tables.ticketSlaTargets.ticketId, ticketId)).then((r) => r.filter((x) => x.metric === "first_response"));
      expect(first.satisfiedAt?.toISOString()).toBe("2026-12-04T14:30:00.000Z");
      // Friday 15:40 in Paris + 8 business hours (the normal next response): Monday 15:40 (1 h 20 on Friday, 6 h 40 on Monday).
      clock = new Date("2026-12-04T14:40:00Z");
      await say("Thanks, here is a photo of the tear");
      const waiting = await until(() => getTicket(ticketId), (d) => d.sla?.metric === "next_response");
      expect(waiting.sla?.dueAt).toBe("2026-12-07T14:40:00.000Z");
      clock = new Date("2026-12-04T14:50:00Z");
      expect((await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { cookie: agent, body: { status: "resolved" } })).status).toBe(200);
      await until(async () => (await t.container.database.db.select().from(tables.ticketSlaTargets).where(eq(tables.ticketSlaTargets.ticketId, ticketId))).every((r) => r.satisfiedAt), Boolean);
      expect((await getTicket(ticketId)).sla).toBeNull();
    });

    it("a breach is recorded once (even by two scans at the same time), escalates the priority one step and notifies the team's managers only", async () => {
      const team = await api<{ data: TeamDTO }>(t.url, "POST", "/api/v1/teams", { cookie: admin, body: { name: `Web support ${randomUUID()}`, memberIds: [managerId, agentId], inboxIds: [t.inboxId] } });
      expect(team.status).toBe(201);
      clock = new Date("2026-12-07T08:00:00Z"); // Monday 09:00 in Paris
      const { ticketId } = await openTicket("normal");
      // 3 h 30 of 4 business hours used: past the 80 % warning, not yet due.
      clock = new Date(clock.getTime() + 210 * MIN);
      expect(await runSlaScan(t.container.deps)).toEqual({ warnings: 1, breaches: 0 });
      const warned = await getTicket(ticketId);
      expect(warned.sla).toMatchObject({ metric: "first_response", warned: true, breached: false });
      expect(warned.events.filter((e) => e.type === "sla_warning")).toHaveLength(1);
      clock = new Date("2026-12-07T12:01:00Z");
      const scans = await Promise.all([runSlaScan(t.container.deps), runSlaScan(t.container.deps)]);
      expect(scans.reduce((n, s) => n + s.breaches, 0)).toBe(1);
      expect(await runSlaScan(t.container.deps)).toEqual({ warnings: 0, breaches: 0 });
      const breaches = await t.container.database.db.select().from(tables.slaBreaches).where(eq(tables.slaBreaches.ticketId, ticketId));
      expect(breaches).toHaveLength(1);
      expect(breaches[0]).toMatchObject({ metric: "first_response", priority: "normal" });
      expect(breaches[0].dueAt.toISOString()).toBe("2026-12-07T12:00:00.000Z");
      const escalated = await until(() => getTicket(ticketId), (d) => d.priority === "high");
      expect(escalated.sla).toMatchObject({ metric: "first_response", breached: true });
      expect(escalated.events.filter((e) => e.type === "sla_breached")).toHaveLength(1);
      expect(escalated.events.find((e) => e.type === "priority_changed" && e.data.reason === "sla_breach")?.data).toMatchObject({ from: "normal", to: "high", metric: "first_response" });
      const managerInbox = await api<{ data: NotificationDTO[] }>(t.url, "GET", "/api/v1/notifications", { cookie: manager });
      const notices = managerInbox.body.data.filter((n) => n.type === "sla_breach" && n.data.ticketId === ticketId);
      expect(notices).toHaveLength(1);
      expect(notices[0].data).toMatchObject({ metric: "first_response", priority: "high" });
      const agentInbox = await api<{ data: NotificationDTO[] }>(t.url, "GET", "/api/v1/notifications", { cookie: agent });
      expect(agentInbox.body.data.some((n) => n.type === "sla_breach")).toBe(false);
      // The resolution target was re-timed for "high" (8 business hours from Monday 09:00: 17:00) and is not breached by the escalation.
      const [resolution] = (await t.container.database.db.select().from(tables.ticketSlaTargets).where(eq(tables.ticketSlaTargets.ticketId, ticketId))).filter((r) => r.metric === "resolution");
      expect(resolution).toMatchObject({ priority: "high", breachedAt: null });
      expect(resolution.dueAt.toISOString()).toBe("2026-12-07T16:00:00.000Z");
      await updateTicket(t.container.deps, ticketId, { status: "resolved" }, { type: "system", id: null });
    });

    it("a ticket older than its priority's policy is timed from when the policy was added, so adding a policy never breaches old tickets at once", async () => {
      clock = new Date("2026-12-08T08:00:00Z"); // Tuesday 09:00 in Paris
      const normal = (await api<{ data: SlaPolicyDTO[] }>(t.url, "GET", "/api/v1/sla-policies", { cookie: admin })).body.data.find((p) => p.priority === "normal");
      expect((await api(t.url, "DELETE", `/api/v1/sla-policies/${normal?.id}`, { cookie: admin })).status).toBe(204);
      const external = randomUUID();
      const { conversation } = await receiveCustomerMessage(t.container.deps, { inboxId: t.inboxId, channel: "web", externalUserId: external, externalConversationId: external, text: "Please call me back", answeredInTurn: true });
      const ticket = await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
      expect(ticket.priority).toBe("normal");
      // No policy for "normal": the ticket is not timed.
      await updateTicket(t.container.deps, ticket.id, { assigneeId: agentId }, { type: "system", id: null });
      expect((await getTicket(ticket.id)).sla).toBeNull();
      // Two business hours later the policy comes back (first response: 240 business minutes from now, Tuesday 15:00 in Paris).
      clock = new Date("2026-12-08T10:00:00Z");
      const body = { priority: "normal", firstResponseMinutes: 240, nextResponseMinutes: 480, resolutionMinutes: 1440 };
      expect((await api(t.url, "POST", "/api/v1/sla-policies", { cookie: admin, body })).status).toBe(201);
      await updateTicket(t.container.deps, ticket.id, { assigneeId: null }, { type: "system", id: null });
      const timed = await until(() => getTicket(ticket.id), (d) => d.sla?.dueAt === "2026-12-08T14:00:00.000Z");
      expect(timed.sla).toEqual({ metric: "first_response", dueAt: "2026-12-08T14:00:00.000Z", breached: false, warned: false });
      expect(await runSlaScan(t.container.deps)).toEqual({ warnings: 0, breaches: 0 });
    });
  });
});
