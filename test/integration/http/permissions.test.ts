import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionDTO, TicketDTO, UserDTO } from "../../../src/contracts/api.ts";
import type { ApiKeyDTO } from "../../../src/contracts/crm.ts";
import { API_SCOPES, PERMISSION_MATRIX, permissionRow, ROLES, type Action, type ApiScope, type Role, type Scope } from "../../../src/contracts/permissions.ts";
import { tables } from "../../../src/db/index.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket, updateTicket } from "../../../src/modules/tickets/index.ts";
import { api, authHeaders, type Credentials } from "../../support/api-client.ts";
import { connectConsole } from "../../support/console-client.ts";
import { ADMIN, createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { permissionTableMarkdown } from "../../support/permission-table.ts";
import { catalogueScenarios } from "../../support/permission-walk/catalogue.ts";
import { dealsScenarios } from "../../support/permission-walk/deals.ts";
import { inboxesScenarios } from "../../support/permission-walk/inboxes.ts";
import { figuresScenarios } from "../../support/permission-walk/figures.ts";
import { helpdeskScenarios } from "../../support/permission-walk/helpdesk.ts";
import { campaignsScenarios } from "../../support/permission-walk/campaigns.ts";
import { plansScenarios } from "../../support/permission-walk/plans.ts";
import type { Outcome, Person, Scenario, WalkContext } from "../../support/permission-walk/types.ts";

let t: TestApp;
const actors = {} as Record<Role, Person>;
let otherAgent: Person;
const keys = {} as Record<ApiScope, Person>;

/** The credentials a person's requests carry: their session cookie, or their API key. */
function creds(person: Person): Credentials {
  return person.token ? { token: person.token } : { cookie: person.cookie };
}

async function login(email: string, password: string): Promise<string> {
  const res = await fetch(`${t.url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0];
}

async function addPerson(adminCookie: string, role: Role): Promise<Person> {
  const email = `${role}-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const res = await api<{ data: { user: UserDTO } }>(t.url, "POST", "/api/v1/users", { cookie: adminCookie, body: { email, name: `Test ${role}`, role, password } });
  expect(res.status).toBe(201);
  return { id: res.body.data.user.id, email, password, cookie: await login(email, password) };
}

beforeAll(async () => {
  t = await createTestApp();
  const adminCookie = await t.login();
  const adminId = (await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie: adminCookie })).body.data.id;
  actors.admin = { id: adminId, email: ADMIN.email, password: ADMIN.password, cookie: adminCookie };
  actors.agent = await addPerson(adminCookie, "agent");
  actors.manager = await addPerson(adminCookie, "manager");
  otherAgent = await addPerson(adminCookie, "agent");
  for (const scope of API_SCOPES) {
    const res = await api<{ data: ApiKeyDTO & { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: adminCookie, body: { name: `only ${scope}`, scopes: [scope] } });
    expect(res.status).toBe(201);
    keys[scope] = { id: res.body.data.id, email: "", password: "", cookie: "", token: res.body.data.token };
  }
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** A customer conversation handed to humans, its ticket assigned to the given user (or in the queue). */
async function ticketAssignedTo(assigneeId: string | null): Promise<{ ticketId: string; conversationId: string; customerId: string }> {
  const id = randomUUID();
  const { conversation } = await receiveCustomerMessage(t.container.deps, {
    inboxId: t.inboxId,
    channel: "web",
    externalUserId: id,
    externalConversationId: id,
    text: "I would like to talk to a person about my order",
    answeredInTurn: true,
  });
  const ticket = await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
  await updateTicket(t.container.deps, ticket.id, { assigneeId, priority: "normal" }, { type: "system", id: null });
  return { ticketId: ticket.id, conversationId: conversation.id, customerId: conversation.customerId };
}

/** A customer row as stored. */
async function storedCustomer(id: string): Promise<typeof tables.customers.$inferSelect> {
  return (await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, id)))[0];
}

function assigneeFor(scope: Scope, actor: Person, other: Person): string | null {
  return scope === "own" ? actor.id : scope === "others" ? other.id : null;
}

/** A ticket change, and a check that a refused one changed nothing. */
async function patchTicket(scope: Scope, actor: Person, other: Person, body: (ticket: { assigneeId: string | null }) => Record<string, unknown>): Promise<Outcome> {
  const assigneeId = assigneeFor(scope, actor, other);
  const { ticketId } = await ticketAssignedTo(assigneeId);
  const res = await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { ...creds(actor), body: body({ assigneeId }) });
  return {
    res,
    ok: 200,
    unchanged: async () => {
      const now = await api<{ data: TicketDTO & { events: unknown[] } }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie: actors.admin.cookie });
      expect({ assigneeId: now.body.data.assignee?.id ?? null, status: now.body.data.status, priority: now.body.data.priority }).toEqual({
        assigneeId,
        status: "open",
        priority: "normal",
      });
    },
  };
}

/** A customer record to act on (companies, notes). */
async function newCustomer(): Promise<string> {
  const [row] = await t.container.database.db.insert(tables.customers).values({ name: "Matrix Customer" }).returning({ id: tables.customers.id });
  return row!.id;
}

/** A note on a fresh customer, written by this person (a key's note is stored directly: not every key may write one). */
async function noteBy(author: Person): Promise<{ customerId: string; noteId: string }> {
  const customerId = await newCustomer();
  if (author.token) {
    const [note] = await t.container.database.db
      .insert(tables.customerNotes)
      .values({ customerId, authorType: "api_key", authorId: author.id, authorName: "a key", text: "Original note" })
      .returning({ id: tables.customerNotes.id });
    return { customerId, noteId: note!.id };
  }
  const res = await api<{ data: { id: string } }>(t.url, "POST", `/api/v1/customers/${customerId}/notes`, { cookie: author.cookie, body: { text: "Original note" } });
  expect(res.status).toBe(201);
  return { customerId, noteId: res.body.data.id };
}

// The sales actions' scenarios live beside their modules' tests' helpers, in test/support/permission-walk/.
const walk: WalkContext = {
  get t() {
    return t;
  },
  get admin() {
    return actors.admin;
  },
  creds,
  conversationAssignedTo: ticketAssignedTo,
};

// One HTTP request per matrix action; the walk below runs it for every row (scope) and role. A new action without a
// scenario does not compile.
const scenarios: Record<Action, Scenario> = {
  ...catalogueScenarios(walk),
  ...dealsScenarios(walk),
  ...figuresScenarios(walk),
  ...plansScenarios(walk),
  ...campaignsScenarios(walk),
  ...inboxesScenarios(walk),
  ...helpdeskScenarios(walk),
  "ticket.read": async (_scope, actor) => {
    const { ticketId } = await ticketAssignedTo(null);
    return { res: await api(t.url, "GET", `/api/v1/tickets/${ticketId}`, creds(actor)), ok: 200 };
  },
  "ticket.take": (scope, actor, other) => patchTicket(scope, actor, other, () => ({ assigneeId: actor.id })),
  "ticket.assign": (scope, actor, other) => patchTicket(scope, actor, other, () => ({ assigneeId: scope === "others" ? null : other.id })),
  "ticket.status": (scope, actor, other) => patchTicket(scope, actor, other, () => ({ status: "pending" })),
  "ticket.priority": (scope, actor, other) => patchTicket(scope, actor, other, () => ({ priority: "urgent" })),
  "conversation.read": async (_scope, actor) => {
    const { conversationId } = await ticketAssignedTo(null);
    return { res: await api(t.url, "GET", `/api/v1/conversations/${conversationId}`, creds(actor)), ok: 200 };
  },
  "conversation.reply": async (scope, actor, other) => {
    const { conversationId } = await ticketAssignedTo(assigneeFor(scope, actor, other));
    const res = await api(t.url, "POST", `/api/v1/conversations/${conversationId}/messages`, { ...creds(actor), body: { text: "Hello, I can help." } });
    const agentMessages = async () =>
      (await t.container.database.db.select().from(tables.messages).where(eq(tables.messages.conversationId, conversationId))).filter((m) => m.senderType === "agent");
    return { res, ok: 201, unchanged: async () => expect(await agentMessages()).toHaveLength(0) };
  },
  "customer.edit": async (scope, actor, other) => {
    const { customerId } = await ticketAssignedTo(assigneeFor(scope, actor, other));
    const res = await api(t.url, "PATCH", `/api/v1/customers/${customerId}`, { ...creds(actor), body: { email: `c-${randomUUID()}@example.test` } });
    const stored = async () => (await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, customerId)))[0];
    return { res, ok: 200, unchanged: async () => expect((await stored()).email).toBeNull() };
  },
  "customer.read": async (_scope, actor) => {
    const { customerId } = await ticketAssignedTo(null);
    return { res: await api(t.url, "GET", `/api/v1/customers/${customerId}`, creds(actor)), ok: 200 };
  },
  "customer.create": async (_scope, actor) => {
    const email = `new-${randomUUID()}@example.test`;
    const res = await api(t.url, "POST", "/api/v1/customers", { ...creds(actor), body: { name: "New customer", email } });
    const stored = async () => t.container.database.db.select().from(tables.customers).where(eq(tables.customers.email, email));
    return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
  },
  "attribute.define": async (_scope, actor) => {
    const key = `attr_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
    const res = await api(t.url, "POST", "/api/v1/attributes", { ...creds(actor), body: { key, label: "Test attribute", type: "text" } });
    const stored = async () => t.container.database.db.select().from(tables.attributeDefinitions).where(eq(tables.attributeDefinitions.key, key));
    return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
  },
  "company.read": async (_scope, actor) => ({ res: await api(t.url, "GET", "/api/v1/companies", creds(actor)), ok: 200 }),
  "company.write": async (_scope, actor) => {
    const name = `Matrix Co ${randomUUID()}`;
    const res = await api(t.url, "POST", "/api/v1/companies", { ...creds(actor), body: { name } });
    const stored = () => t.container.database.db.select().from(tables.companies).where(eq(tables.companies.name, name));
    return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
  },
  "company.delete": async (_scope, actor) => {
    const [company] = await t.container.database.db.insert(tables.companies).values({ name: `Matrix Co ${randomUUID()}` }).returning();
    const res = await api(t.url, "DELETE", `/api/v1/companies/${company!.id}`, creds(actor));
    const stored = () => t.container.database.db.select().from(tables.companies).where(eq(tables.companies.id, company!.id));
    return { res, ok: 204, unchanged: async () => expect(await stored()).toHaveLength(1) };
  },
  "customer.note": async (_scope, actor) => {
    const customerId = await newCustomer();
    const res = await api(t.url, "POST", `/api/v1/customers/${customerId}/notes`, { ...creds(actor), body: { text: "A note" } });
    const stored = () => t.container.database.db.select().from(tables.customerNotes).where(eq(tables.customerNotes.customerId, customerId));
    return { res, ok: 201, unchanged: async () => expect(await stored()).toHaveLength(0) };
  },
  "note.edit": async (scope, actor, other) => {
    const { customerId, noteId } = await noteBy(scope === "own" ? actor : other);
    const res = await api(t.url, "PATCH", `/api/v1/customers/${customerId}/notes/${noteId}`, { ...creds(actor), body: { text: "Edited note" } });
    const stored = async () => (await t.container.database.db.select().from(tables.customerNotes).where(eq(tables.customerNotes.id, noteId)))[0];
    return { res, ok: 200, unchanged: async () => expect((await stored())?.text).toBe("Original note") };
  },
  "customer.merge": async (_scope, actor) => {
    const survivor = await ticketAssignedTo(null);
    const other = await ticketAssignedTo(null);
    const res = await api(t.url, "POST", `/api/v1/customers/${survivor.customerId}/merge`, { ...creds(actor), body: { otherId: other.customerId } });
    return { res, ok: 200, unchanged: async () => expect((await storedCustomer(other.customerId)).mergedIntoId).toBeNull() };
  },
  "customer.export": async (_scope, actor) => {
    const { customerId } = await ticketAssignedTo(null);
    return { res: await api(t.url, "GET", `/api/v1/customers/${customerId}/export`, creds(actor)), ok: 200 };
  },
  "customer.erase": async (_scope, actor) => {
    const { customerId } = await ticketAssignedTo(null);
    const res = await api(t.url, "DELETE", `/api/v1/customers/${customerId}`, creds(actor));
    return { res, ok: 204, unchanged: async () => expect((await storedCustomer(customerId)).erasedAt).toBeNull() };
  },
  "customer.import": async (_scope, actor) => {
    // Named by a fresh file name, so a refused import (by a user or a key) is looked for by name.
    const filename = `walk-${randomUUID()}.csv`;
    const raw = await fetch(`${t.url}/api/v1/imports?filename=${filename}`, {
      method: "POST",
      headers: { ...authHeaders(creds(actor)), "content-type": "text/csv" },
      body: `name,email\nImported Person,import-${randomUUID()}@example.test\n`,
    });
    const body = (await raw.json()) as Record<string, unknown>;
    const stored = () => t.container.database.db.select().from(tables.imports).where(eq(tables.imports.filename, filename));
    return { res: { status: raw.status, body }, ok: 202, unchanged: async () => expect(await stored()).toHaveLength(0) };
  },
  "report.read": async (_scope, actor) => ({ res: await api(t.url, "GET", "/api/v1/reports/topics", creds(actor)), ok: 200 }),
  "report.export": async (_scope, actor) => {
    const raw = await fetch(`${t.url}/api/v1/reports/topics.csv`, { headers: authHeaders(creds(actor)) });
    const text = await raw.text();
    if (raw.ok) expect(raw.headers.get("content-type")).toMatch(/^text\/csv/);
    if (raw.ok) expect(text.split("\r\n")[0]).toBe("phrase,messages,conversations,averageSentiment,negativeShare,topIntent,previousMessages,trend,group");
    return { res: { status: raw.status, body: raw.ok ? {} : (JSON.parse(text) as Record<string, unknown>) }, ok: 200 };
  },
  "settings.apikeys": async (_scope, actor) => {
    const name = `walk ${randomUUID()}`;
    const res = await api(t.url, "POST", "/api/v1/api-keys", { ...creds(actor), body: { name, scopes: ["customers:read"] } });
    const made = async () => t.container.database.db.select().from(tables.apiKeys).where(eq(tables.apiKeys.name, name));
    return { res, ok: 201, unchanged: async () => expect(await made()).toEqual([]) };
  },
  "settings.users": async (_scope, actor) => ({ res: await api(t.url, "GET", "/api/v1/users", creds(actor)), ok: 200 }),
  "settings.backup": async (_scope, actor) => {
    const raw = await fetch(`${t.url}/api/v1/admin/backup`, { method: "POST", headers: authHeaders(creds(actor)) });
    const body = Buffer.from(await raw.arrayBuffer());
    if (raw.ok) expect(raw.headers.get("content-type")).toBe("application/gzip");
    return { res: { status: raw.status, body: raw.ok ? {} : (JSON.parse(body.toString("utf8")) as Record<string, unknown>) }, ok: 200 };
  },
  "session.list": async (_scope, actor) => ({ res: await api(t.url, "GET", "/api/v1/auth/sessions", creds(actor)), ok: 200 }),
  "session.end": async (scope, actor, other) => {
    const owner = scope === "own" ? actor : other;
    const cookie = await login(owner.email, owner.password);
    const sessions = await api<{ data: SessionDTO[] }>(t.url, "GET", "/api/v1/auth/sessions", { cookie });
    const target = sessions.body.data.find((s) => s.current)!;
    const res = await api(t.url, "DELETE", `/api/v1/auth/sessions/${target.id}`, creds(actor));
    return { res, ok: 204, unchanged: async () => expect((await api(t.url, "GET", "/api/v1/auth/me", { cookie })).status).toBe(200) };
  },
};

describe("permission matrix", () => {
  it("the README's permission table is the matrix the server enforces", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(permissionTableMarkdown());
  });

  it("walks every role × action × whose over HTTP: allowed requests succeed, refused ones get the documented status and change nothing", async () => {
    const results: string[] = [];
    const expected: string[] = [];
    for (const row of PERMISSION_MATRIX) {
      for (const role of ROLES) {
        const outcome = await scenarios[row.action](row.scope, actors[role], otherAgent);
        const allowed = row.roles.includes(role);
        const want = allowed ? outcome.ok : row.denied;
        const code = (outcome.res.body as { error?: { code?: string } }).error?.code;
        expected.push(`${role} ${row.action} (${row.scope}) → ${want}${allowed ? "" : ` ${row.notFoundCode ?? "FORBIDDEN"}`}`);
        results.push(`${role} ${row.action} (${row.scope}) → ${outcome.res.status}${allowed ? "" : ` ${code}`}`);
        if (!allowed) await outcome.unchanged?.();
      }
    }
    expect(results).toEqual(expected);
  }, 180_000);

  it("walks every action × whose for API keys: a key with the row's scope is allowed, a key with any other scope gets 403 FORBIDDEN and changes nothing", async () => {
    const results: string[] = [];
    const expected: string[] = [];
    for (const row of PERMISSION_MATRIX) {
      // A key owns nothing (no ticket is assigned to it, no customer is its), so rows about "yours" or "on your
      // conversation" are walked on another agent's resource, where the matrix gives keys the same scope; notes are the
      // exception: a key's note is its own.
      const scope = (row.scope === "own" && row.action !== "note.edit") || row.scope === "conversation" ? "others" : row.scope;
      expect(`${row.action} (${scope}): ${permissionRow(row.action, scope)?.apiScope}`).toBe(`${row.action} (${scope}): ${row.apiScope}`);
      for (const apiScope of API_SCOPES) {
        const outcome = await scenarios[row.action](scope, keys[apiScope], otherAgent);
        const allowed = row.apiScope === apiScope;
        const code = (outcome.res.body as { error?: { code?: string } }).error?.code;
        expected.push(`key ${apiScope}: ${row.action} (${row.scope}) → ${allowed ? outcome.ok : "403 FORBIDDEN"}`);
        results.push(`key ${apiScope}: ${row.action} (${row.scope}) → ${outcome.res.status}${allowed ? "" : ` ${code}`}`);
        if (!allowed) await outcome.unchanged?.();
      }
    }
    expect(results).toEqual(expected);
  }, 300_000);

  it("an agent may reply in a conversation the bot still has (no ticket at all)", async () => {
    const id = randomUUID();
    const { conversation } = await receiveCustomerMessage(t.container.deps, {
      inboxId: t.inboxId,
      channel: "web",
      externalUserId: id,
      externalConversationId: id,
      text: "hello",
      answeredInTurn: true,
    });
    const res = await api(t.url, "POST", `/api/v1/conversations/${conversation.id}/messages`, { cookie: actors.agent.cookie, body: { text: "Hi there" } });
    expect(res.status).toBe(201);
  }, 30_000);

  it("the console socket applies the same rule: an agent's typing shows only in conversations they may reply in", async () => {
    const agentConsole = await connectConsole(t.url, actors.agent.cookie);
    const others = await ticketAssignedTo(otherAgent.id);
    const own = await ticketAssignedTo(actors.agent.id);
    const typing = (conversationId: string) => agentConsole.socket.timeout(10_000).emitWithAck("typing", { conversationId, typing: true });
    expect(await typing(others.conversationId)).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await typing(own.conversationId)).toEqual({ data: { ok: true } });
    agentConsole.close();
  }, 30_000);

  it("only admins add console users, and an email already taken is 409 USER_EXISTS", async () => {
    const body = { email: `new-${randomUUID()}@example.test`, name: "New agent", role: "agent", password: "a-long-password-1" };
    expect(await api(t.url, "POST", "/api/v1/users", { cookie: actors.manager.cookie, body })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
    expect((await api(t.url, "POST", "/api/v1/users", { cookie: actors.admin.cookie, body })).status).toBe(201);
    expect(await api(t.url, "POST", "/api/v1/users", { cookie: actors.admin.cookie, body })).toMatchObject({ status: 409, body: { error: { code: "USER_EXISTS" } } });
    expect((await api(t.url, "POST", "/api/v1/auth/login", { body: { email: body.email, password: body.password } })).status).toBe(200);
  }, 30_000);
});
