import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketDTO, UserDTO } from "../../../src/contracts/api.ts";
import type { AuditEntryDTO, CreatedUserDTO, ManagedUserDTO, TeamDTO } from "../../../src/contracts/helpdesk.ts";
import { api } from "../../support/api-client.ts";
import { connectConsole } from "../../support/console-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { handedOffTicket } from "../../support/handoff.ts";

let t: TestApp;
let admin: string;
let adminId: string;
let manager: string;
let agent: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login();
  adminId = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: admin })).body.data.id;
  manager = await t.login("morgan@switchboard.local");
  agent = await t.login("alex@switchboard.local");
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const newEmail = () => `u-${randomUUID()}@example.test`;

async function createUser(body: Record<string, unknown>): Promise<CreatedUserDTO> {
  const res = await api<{ data: CreatedUserDTO }>(t.url, "POST", "/api/v1/users", { cookie: admin, body });
  expect(res.status).toBe(201);
  return res.body.data;
}

async function auditEntries(query = ""): Promise<AuditEntryDTO[]> {
  const res = await api<{ data: AuditEntryDTO[] }>(t.url, "GET", `/api/v1/audit-log${query}`, { cookie: admin });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("users (admins)", () => {
  it("an admin creates an agent with teams, skills and capacity: 201 with the user and a temporary password that logs in", async () => {
    const team = await api<{ data: TeamDTO }>(t.url, "POST", "/api/v1/teams", { cookie: admin, body: { name: `Billing ${randomUUID()}` } });
    const email = newEmail();
    const created = await createUser({ name: "Jo Newhire", email, role: "agent", teamIds: [team.body.data.id], skills: { intents: ["get_refund"], languages: ["en", "fr"] }, capacity: 4 });
    expect(Object.keys(created).sort()).toEqual(["temporaryPassword", "user"]);
    expect(created.user).toMatchObject({ name: "Jo Newhire", email, role: "agent", active: true, capacity: 4, teamIds: [team.body.data.id], skills: { intents: ["get_refund"], languages: ["en", "fr"] } });
    expect(created.temporaryPassword.length).toBeGreaterThanOrEqual(12);
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email, password: created.temporaryPassword } })).status).toBe(200);
    const teams = await api<{ data: TeamDTO[] }>(t.url, "GET", "/api/v1/teams", { cookie: admin });
    expect(teams.body.data.find((x) => x.id === team.body.data.id)?.memberIds).toEqual([created.user.id]);
    const [entry] = await auditEntries(`?action=user.created&actor=${adminId}`);
    expect(entry).toMatchObject({ actor: { id: adminId, name: "Admin" }, action: "user.created", target: { type: "user", id: created.user.id }, before: null });
    expect(entry.after).toMatchObject({ email, role: "agent", capacity: 4 });
    expect(JSON.stringify(entry)).not.toContain(created.temporaryPassword);
  });

  it("bad input is 400 VALIDATION_FAILED naming the field, and nothing is created", async () => {
    const email = newEmail();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "X", email, role: "boss" }, "role"],
      [{ name: "", email, role: "agent" }, "name"],
      [{ name: "X", email: "not-an-email", role: "agent" }, "email"],
      [{ name: "X", email, role: "agent", capacity: 0 }, "capacity"],
      [{ name: "X", email, role: "agent", skills: { languages: ["English!"] } }, "skills.languages.0"],
      [{ name: "X", email, role: "agent", teamIds: [randomUUID()] }, "teamIds"],
    ];
    for (const [body, field] of cases) {
      const res = await api<{ error: { code: string; fields: Record<string, string> } }>(t.url, "POST", "/api/v1/users", { cookie: admin, body });
      expect(res.status, field).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    const users = await api<{ data: ManagedUserDTO[] }>(t.url, "GET", "/api/v1/users", { cookie: admin });
    expect(users.body.data.some((u) => u.email === email)).toBe(false);
  });

  it("deactivating an agent ends their console session and puts their open tickets back in the queue, with the reason in ticket_events", async () => {
    const email = newEmail();
    const { user, temporaryPassword } = await createUser({ name: "Leaving Agent", email, role: "agent" });
    const cookie = await t.login(email, temporaryPassword);
    const socket = await connectConsole(t.url, cookie);
    const { ticketId } = await handedOffTicket(t, user.id);
    const res = await api<{ data: ManagedUserDTO }>(t.url, "PATCH", `/api/v1/users/${user.id}`, { cookie: admin, body: { active: false } });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ active: false, status: "offline" });
    expect(await socket.disconnected).toBe("io server disconnect");
    expect(socket.endedReason()).toBe("deactivated");
    expect((await api(t.url, "GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
    expect(await api(t.url, "POST", "/api/v1/auth/login", { body: { email, password: temporaryPassword } })).toMatchObject({ status: 401, body: { error: { code: "INVALID_CREDENTIALS" } } });
    const ticket = await api<{ data: TicketDTO & { events: { type: string; actorId: string | null; data: Record<string, unknown> }[] } }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie: admin });
    expect(ticket.body.data.assignee).toBeNull();
    expect(ticket.body.data.events.at(-1)).toMatchObject({ type: "unassigned", actorId: adminId, data: { from: user.id, to: null, reason: "user_deactivated" } });
    const [entry] = await auditEntries(`?action=user.deactivated`);
    expect(entry).toMatchObject({ target: { id: user.id }, before: { active: true }, after: { active: false, ticketsReleased: 1 } });
  });

  it("a password reset answers a new temporary password once, ends the user's sessions, and the old password stops working", async () => {
    const email = newEmail();
    const { user, temporaryPassword } = await createUser({ name: "Forgetful Agent", email, role: "agent" });
    const cookie = await t.login(email, temporaryPassword);
    const res = await api<{ data: CreatedUserDTO }>(t.url, "POST", `/api/v1/users/${user.id}/reset-password`, { cookie: admin });
    expect(res.status).toBe(200);
    expect(res.body.data.temporaryPassword).not.toBe(temporaryPassword);
    expect((await api(t.url, "GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email, password: temporaryPassword } })).status).toBe(401);
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email, password: res.body.data.temporaryPassword } })).status).toBe(200);
    const [entry] = await auditEntries("?action=user.password_reset");
    expect(entry.target.id).toBe(user.id);
    expect(JSON.stringify(entry)).not.toContain(res.body.data.temporaryPassword);
  });

  it("the last active admin cannot be demoted (409 LAST_ADMIN), nobody deactivates themselves, and an unknown user is 404", async () => {
    expect(await api(t.url, "PATCH", `/api/v1/users/${adminId}`, { cookie: admin, body: { role: "agent" } })).toMatchObject({ status: 409, body: { error: { code: "LAST_ADMIN" } } });
    expect(await api(t.url, "PATCH", `/api/v1/users/${adminId}`, { cookie: admin, body: { active: false } })).toMatchObject({ status: 400, body: { error: { fields: { active: expect.any(String) } } } });
    expect(await api(t.url, "PATCH", `/api/v1/users/${randomUUID()}`, { cookie: admin, body: { name: "Nobody" } })).toMatchObject({ status: 404, body: { error: { code: "USER_NOT_FOUND" } } });
  });

  it("changing a user records only the changed fields before and after", async () => {
    const { user } = await createUser({ name: "Skill Agent", email: newEmail(), role: "agent" });
    const res = await api<{ data: ManagedUserDTO }>(t.url, "PATCH", `/api/v1/users/${user.id}`, { cookie: admin, body: { capacity: 7, skills: { intents: ["track_order"] } } });
    expect(res.body.data).toMatchObject({ capacity: 7, skills: { intents: ["track_order"], languages: [] } });
    const [entry] = await auditEntries("?action=user.updated");
    expect(entry).toMatchObject({ target: { id: user.id }, before: { capacity: null, skills: { intents: [], languages: [] } }, after: { capacity: 7, skills: { intents: ["track_order"], languages: [] } } });
    expect(Object.keys(entry.after!).sort()).toEqual(["capacity", "skills"]);
  });
});

describe("teams (admins)", () => {
  it("an admin creates and changes a team with members, inboxes and intents; a taken name is 409 TEAM_EXISTS; unknown inboxes are 400", async () => {
    const { user } = await createUser({ name: "Team Member", email: newEmail(), role: "agent" });
    const name = `Refunds ${randomUUID()}`;
    const created = await api<{ data: TeamDTO }>(t.url, "POST", "/api/v1/teams", { cookie: admin, body: { name, memberIds: [user.id], inboxIds: [t.inboxId], intents: ["get_refund"] } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ name, memberIds: [user.id], inboxIds: [t.inboxId], intents: ["get_refund"] });
    expect(await api(t.url, "POST", "/api/v1/teams", { cookie: admin, body: { name } })).toMatchObject({ status: 409, body: { error: { code: "TEAM_EXISTS" } } });
    expect(await api(t.url, "POST", "/api/v1/teams", { cookie: admin, body: { name: "Other", inboxIds: ["no-such-inbox"] } })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { inboxIds: expect.any(String) } } },
    });
    const changed = await api<{ data: TeamDTO }>(t.url, "PATCH", `/api/v1/teams/${created.body.data.id}`, { cookie: admin, body: { memberIds: [], intents: ["track_refund"] } });
    expect(changed.body.data).toMatchObject({ memberIds: [], intents: ["track_refund"], inboxIds: [t.inboxId] });
    const users = await api<{ data: ManagedUserDTO[] }>(t.url, "GET", "/api/v1/users", { cookie: admin });
    expect(users.body.data.find((u) => u.id === user.id)?.teamIds).toEqual([]);
    const [entry] = await auditEntries("?action=team.updated");
    expect(entry).toMatchObject({ before: { memberIds: [user.id], intents: ["get_refund"] }, after: { memberIds: [], intents: ["track_refund"] } });
    expect(await api(t.url, "PATCH", `/api/v1/teams/${randomUUID()}`, { cookie: admin, body: { name: "X" } })).toMatchObject({ status: 404, body: { error: { code: "TEAM_NOT_FOUND" } } });
  });
});

describe("audit log", () => {
  it("records inbox and API key changes without their secrets, and filters by action, actor and date with cursor pages", async () => {
    const inbox = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/inboxes", { cookie: admin, body: { name: "Audited", channel: "telegram", settings: { botToken: "123456:secret-token-value-abcdefghij", webhookSecret: "webhook-secret-value" } } });
    expect(inbox.status).toBe(201);
    const key = await api<{ data: { id: string; token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: "Audited key", scopes: ["customers:read"] } });
    const [inboxEntry] = await auditEntries("?action=inbox.created");
    expect(inboxEntry.after).toEqual({ name: "Audited", channel: "telegram", enabled: true, settings: ["botToken", "webhookSecret"] });
    const [keyEntry] = await auditEntries("?action=api_key.created");
    expect(keyEntry).toMatchObject({ target: { id: key.body.data.id }, after: { name: "Audited key" } });
    const all = JSON.stringify(await auditEntries("?limit=200"));
    for (const secret of ["secret-token-value", "webhook-secret-value", key.body.data.token]) expect(all).not.toContain(secret);

    // Pages: two entries at a time, newest first, ending with a null cursor.
    const seen: number[] = [];
    let cursor: string | null = "";
    while (cursor !== null) {
      const page: { status: number; body: { data: AuditEntryDTO[]; nextCursor: string | null } } = await api(t.url, "GET", `/api/v1/audit-log?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { cookie: admin });
      seen.push(...page.body.data.map((e) => e.id));
      cursor = page.body.nextCursor;
    }
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe((await auditEntries("?limit=200")).length);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await auditEntries(`?from=${encodeURIComponent(future)}`)).toEqual([]);
    expect((await auditEntries(`?to=${encodeURIComponent(future)}&actor=${adminId}`)).length).toBe(seen.length);
    expect(await auditEntries(`?actor=${randomUUID()}`)).toEqual([]);
    expect(await api(t.url, "GET", "/api/v1/audit-log?from=yesterday", { cookie: admin })).toMatchObject({ status: 400, body: { error: { fields: { from: expect.any(String) } } } });
    expect(await api(t.url, "GET", "/api/v1/audit-log?cursor=forged", { cookie: admin })).toMatchObject({ status: 400, body: { error: { fields: { cursor: expect.any(String) } } } });
  });

  it("every settings endpoint refuses agents and managers with 403 FORBIDDEN and changes nothing", async () => {
    const { user } = await createUser({ name: "Target", email: newEmail(), role: "agent" });
    const team = (await api<{ data: TeamDTO }>(t.url, "POST", "/api/v1/teams", { cookie: admin, body: { name: `Target team ${randomUUID()}` } })).body.data;
    const before = (await auditEntries("?limit=200")).length;
    const requests: [string, string, unknown?][] = [
      ["GET", "/api/v1/users"],
      ["POST", "/api/v1/users", { name: "Sneaky", email: newEmail(), role: "admin" }],
      ["PATCH", `/api/v1/users/${user.id}`, { role: "admin" }],
      ["POST", `/api/v1/users/${user.id}/reset-password`],
      ["GET", "/api/v1/teams"],
      ["POST", "/api/v1/teams", { name: "Sneaky team" }],
      ["PATCH", `/api/v1/teams/${team.id}`, { name: "Renamed" }],
      ["GET", "/api/v1/audit-log"],
    ];
    for (const cookie of [agent, manager]) {
      for (const [method, path, body] of requests) {
        const res = await api(t.url, method, path, { cookie, body });
        expect(`${method} ${path} → ${res.status} ${(res.body as { error?: { code?: string } }).error?.code}`).toBe(`${method} ${path} → 403 FORBIDDEN`);
      }
    }
    expect((await auditEntries("?limit=200")).length).toBe(before);
    const users = await api<{ data: ManagedUserDTO[] }>(t.url, "GET", "/api/v1/users", { cookie: admin });
    expect(users.body.data.find((u) => u.id === user.id)?.role).toBe("agent");
  });
});
