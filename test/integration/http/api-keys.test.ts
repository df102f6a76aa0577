import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TicketWithEventsDTO, UserDTO } from "../../../src/contracts/api.ts";
import type { ApiKeyDTO } from "../../../src/contracts/crm.ts";
import { API_SCOPES, type ApiScope } from "../../../src/contracts/permissions.ts";
import { tables } from "../../../src/db/index.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api, authHeaders } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { apiScopeTableMarkdown } from "../../support/permission-table.ts";

// Rate limits on, with a small allowance per key so the per-key limit shows in a few requests; sessions and addresses
// are left unlimited so the rest of the file (one admin session, one address) is not slowed by them. Every test makes
// its own keys, each with its own allowance.
const KEY_LIMIT = 5;
const LIMITS = { RATE_LIMITS: "on", RATE_LIMIT_API_KEY: `${KEY_LIMIT}/60`, RATE_LIMIT_API_SESSION: "off", RATE_LIMIT_API_IP: "off" };

type CreatedKey = ApiKeyDTO & { token: string };

describe("API key documentation", () => {
  it("the README's scope table is what the permission matrix grants each scope", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    expect(readme).toContain(apiScopeTableMarkdown());
  });
});

describe.each(testEngines())("API keys on $name", (engine) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open(), env: LIMITS });
    admin = await t.login();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  async function createKey(scopes: readonly ApiScope[], name = `key ${randomUUID().slice(0, 8)}`): Promise<CreatedKey> {
    const res = await api<{ data: CreatedKey }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name, scopes } });
    expect(res.status).toBe(201);
    return res.body.data;
  }

  async function handedOffConversation(): Promise<{ conversationId: string; ticketId: string }> {
    const id = randomUUID();
    const { conversation } = await receiveCustomerMessage(t.container.deps, {
      inboxId: t.inboxId,
      channel: "web",
      externalUserId: id,
      externalConversationId: id,
      text: "I want to talk to a person about my refund",
      answeredInTurn: true,
    });
    const ticket = await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
    return { conversationId: conversation.id, ticketId: ticket.id };
  }

  it("an admin creates a key: the sbk_ token is shown once, and only its SHA-256 is stored", async () => {
    const key = await createKey(["customers:read", "tickets:write", "customers:read"], "Shop backend");
    expect(key.token).toMatch(/^sbk_[A-Za-z0-9_-]{40,}$/);
    expect(key).toMatchObject({ name: "Shop backend", prefix: key.token.slice(0, 10), scopes: ["customers:read", "tickets:write"], lastUsedAt: null, revokedAt: null });

    const [row] = await t.container.database.db.select().from(tables.apiKeys).where(eq(tables.apiKeys.id, key.id));
    expect(row.tokenHash).toBe(createHash("sha256").update(key.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(key.token);
    expect(JSON.stringify(row)).not.toContain(key.token.slice(10));
  }, 30_000);

  it("the list shows every key with its name, prefix and scopes, but never a token or a hash", async () => {
    const key = await createKey(["reports:read"]);
    const list = await api<{ data: Record<string, unknown>[] }>(t.url, "GET", "/api/v1/api-keys", { cookie: admin });
    expect(list.status).toBe(200);
    expect(list.body.data.find((k) => k.id === key.id)).toEqual({
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      scopes: ["reports:read"],
      createdAt: key.createdAt,
      lastUsedAt: null,
      revokedAt: null,
    });
    const text = JSON.stringify(list.body);
    expect(text).not.toContain(key.token);
    expect(text).not.toMatch(/token|hash/i);
  }, 30_000);

  it("a key works as Authorization: Bearer on the routes its scopes allow, and the list shows when it was last used", async () => {
    const key = await createKey(["conversations:read", "reports:read"]);
    const { conversationId } = await handedOffConversation();
    expect((await api(t.url, "GET", "/api/v1/conversations", { token: key.token })).status).toBe(200);
    expect((await api(t.url, "GET", `/api/v1/conversations/${conversationId}/messages`, { token: key.token })).status).toBe(200);
    const csv = await fetch(`${t.url}/api/v1/reports/topics.csv`, { headers: authHeaders({ token: key.token }) });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const list = await api<{ data: ApiKeyDTO[] }>(t.url, "GET", "/api/v1/api-keys", { cookie: admin });
    expect(list.body.data.find((k) => k.id === key.id)?.lastUsedAt).not.toBeNull();
  }, 30_000);

  it("a revoked key gets 401 UNAUTHENTICATED on its very next request; revoking an unknown key is 404 API_KEY_NOT_FOUND", async () => {
    const key = await createKey(["tickets:read"]);
    expect((await api(t.url, "GET", "/api/v1/tickets", { token: key.token })).status).toBe(200);
    const revoked = await api<{ data: ApiKeyDTO }>(t.url, "DELETE", `/api/v1/api-keys/${key.id}`, { cookie: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.revokedAt).not.toBeNull();
    expect(await api(t.url, "GET", "/api/v1/tickets", { token: key.token })).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    const list = await api<{ data: ApiKeyDTO[] }>(t.url, "GET", "/api/v1/api-keys", { cookie: admin });
    expect(list.body.data.find((k) => k.id === key.id)?.revokedAt).toBe(revoked.body.data.revokedAt);
    expect(await api(t.url, "DELETE", `/api/v1/api-keys/${randomUUID()}`, { cookie: admin })).toMatchObject({ status: 404, body: { error: { code: "API_KEY_NOT_FOUND" } } });
  }, 30_000);

  it("a key without customers:write gets 403 FORBIDDEN naming the scope on POST /customers and PATCH, and nothing changes; with it, 201", async () => {
    const reader = await createKey(["customers:read", "tickets:write"]);
    const email = `key-${randomUUID()}@example.test`;
    expect(await api(t.url, "POST", "/api/v1/customers", { token: reader.token, body: { name: "Made by a key", email } })).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN", message: "This API key lacks the scope customers:write." } },
    });
    expect(await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.email, email))).toEqual([]);
    const [customer] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.email, "priya.shah@example.com"));
    const res = await api(t.url, "PATCH", `/api/v1/customers/${customer.id}`, { token: reader.token, body: { name: "Renamed by a key" } });
    expect(res).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN", message: "This API key lacks the scope customers:write." } } });
    const [after] = await t.container.database.db.select().from(tables.customers).where(eq(tables.customers.id, customer.id));
    expect(after.name).toBe("Priya Shah");

    const writer = await createKey(["customers:write"]);
    expect(await api(t.url, "POST", "/api/v1/customers", { token: writer.token, body: { name: "Made by a key", email } })).toMatchObject({ status: 201, body: { data: { email } } });
  }, 30_000);

  it("a key with tickets:read only gets 403 FORBIDDEN naming tickets:write when it changes a ticket", async () => {
    const key = await createKey(["tickets:read"]);
    const { ticketId } = await handedOffConversation();
    expect(await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { token: key.token, body: { status: "pending" } })).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN", message: "This API key lacks the scope tickets:write." } },
    });
    const detail = await api<{ data: TicketWithEventsDTO }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { token: key.token });
    expect(detail.body.data.status).toBe("open");
  }, 30_000);

  it("a key with tickets:write assigns a ticket to a user; the ticket's history names the key", async () => {
    const key = await createKey(["tickets:write"], "Helpdesk sync");
    const { ticketId } = await handedOffConversation();
    const sam = (await api<{ data: UserDTO[] }>(t.url, "GET", "/api/v1/users", { cookie: admin })).body.data.find((u) => u.email === "sam@switchboard.local")!;
    const res = await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { token: key.token, body: { assigneeId: sam.id, priority: "high" } });
    expect(res).toMatchObject({ status: 200, body: { data: { assignee: { id: sam.id }, priority: "high" } } });
    const detail = await api<{ data: TicketWithEventsDTO }>(t.url, "GET", `/api/v1/tickets/${ticketId}`, { cookie: admin });
    const byKey = detail.body.data.events.filter((e) => e.actorType === "api_key");
    expect(byKey.map((e) => [e.type, e.actorId, e.actorName])).toEqual([
      ["priority_changed", key.id, "Helpdesk sync"],
      ["assigned", key.id, "Helpdesk sync"],
    ]);
  }, 30_000);

  it('a key cannot take a ticket or ask for "my" tickets: there is no one for "me" to be', async () => {
    const key = await createKey(["tickets:read", "tickets:write"]);
    const { ticketId } = await handedOffConversation();
    expect(await api(t.url, "PATCH", `/api/v1/tickets/${ticketId}`, { token: key.token, body: { assigneeId: key.id } })).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN" } },
    });
    expect(await api(t.url, "GET", "/api/v1/tickets?assignee=me", { token: key.token })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION_FAILED", fields: { assignee: '"me" needs a console session' } } },
    });
  }, 30_000);

  it("a malformed, unknown or foreign Authorization header is 401 UNAUTHENTICATED, even beside a valid session cookie", async () => {
    const headers = [
      "Bearer",
      "Bearer ",
      "Basic YWRtaW46cGFzcw==",
      "Bearer not-a-key",
      `Bearer sbk_${"A".repeat(43)}`,
      `Bearer sbk_${"x".repeat(300)}`,
      "Bearer sbk_one sbk_two",
    ];
    for (const authorization of headers) {
      const res = await fetch(`${t.url}/api/v1/tickets`, { headers: { authorization, cookie: admin } });
      expect({ authorization, status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code }).toEqual({
        authorization,
        status: 401,
        code: "UNAUTHENTICATED",
      });
    }
  }, 30_000);

  it("keys cannot manage keys, nor use any console-only route: 403 FORBIDDEN", async () => {
    const { conversationId } = await handedOffConversation();
    const consoleOnly: [string, string, unknown?][] = [
      ["GET", "/api/v1/api-keys"],
      ["POST", "/api/v1/api-keys", { name: "child", scopes: ["customers:read"] }],
      ["DELETE", `/api/v1/api-keys/${randomUUID()}`],
      ["GET", "/api/v1/auth/me"],
      ["GET", "/api/v1/auth/sessions"],
      ["POST", "/api/v1/auth/password", { currentPassword: "x", newPassword: "a-new-long-password" }],
      ["POST", "/api/v1/auth/logout-everywhere"],
      ["PATCH", "/api/v1/agents/me", { status: "away" }],
      ["GET", "/api/v1/users"],
      ["POST", "/api/v1/admin/backup"],
      ["POST", `/api/v1/conversations/${conversationId}/messages`, { text: "Hello from a script" }],
    ];
    const answers: string[] = [];
    for (const [method, path, body] of consoleOnly) {
      // A fresh key with every scope for each call, so the per-key rate limit of this file never answers instead.
      const key = await createKey(API_SCOPES);
      const res = await api<{ error?: { code: string } }>(t.url, method, path, { token: key.token, body });
      answers.push(`${method} ${path} → ${res.status} ${res.body.error?.code}`);
    }
    expect(answers).toEqual(consoleOnly.map(([method, path]) => `${method} ${path} → 403 FORBIDDEN`));
    const keys = await t.container.database.db.select().from(tables.apiKeys).where(eq(tables.apiKeys.name, "child"));
    expect(keys).toEqual([]);
  }, 60_000);

  it("an admin's request with an unknown scope or no name is 400 VALIDATION_FAILED naming the field", async () => {
    const res = await api(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: " ", scopes: ["customers:read", "everything"] } });
    expect(res).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { name: "name is required", "scopes.1": expect.stringContaining("customers:read") } } } });
    expect(await api(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: "none", scopes: [] } })).toMatchObject({
      status: 400,
      body: { error: { fields: { scopes: "give at least one scope" } } },
    });
  }, 30_000);

  it("requests are counted per key: a key over RATE_LIMIT_API_KEY gets 429 with Retry-After while another key from the same address is served", async () => {
    const flooder = await createKey(["tickets:read"]);
    const other = await createKey(["tickets:read"]);
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < KEY_LIMIT + 2; i++) {
      const res = await fetch(`${t.url}/api/v1/tickets`, { headers: authHeaders({ token: flooder.token }) });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get("retry-after");
      await res.arrayBuffer();
    }
    expect(statuses).toEqual([...Array<number>(KEY_LIMIT).fill(200), 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect((await api(t.url, "GET", "/api/v1/tickets", { token: other.token })).status).toBe(200);
  }, 30_000);
});
