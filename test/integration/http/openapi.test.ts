import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { errorCatalogue } from "../../../src/errors.ts";
import { OPERATIONS } from "../../../src/http/openapi/document.ts";
import { openApiPath } from "../../../src/http/openapi/operation.ts";
import { inboxDTO } from "../../../src/http/openapi/paths-inboxes.ts";
import {
  apiKeyDTO,
  attributeDefinitionDTO,
  companyDTO,
  customerExportDTO,
  customerProfileDTO,
  importDTO,
  customerSummaryDTO,
  noteDTO,
  timelineItemDTO,
} from "../../../src/http/openapi/schemas-crm.ts";
import { dealDraftDTO, dealDTO, dealStageChangeDTO, dealStageDTO, pipelineDTO } from "../../../src/http/openapi/schemas-deals.ts";
import { agentDTO, assignableTeamDTO, conversationDTO, messageDTO, sessionDTO, ticketDTO, ticketWithEventsDTO, topicsReportDTO, userDTO } from "../../../src/http/openapi/schemas-api.ts";
import { receiveCustomerMessage } from "../../../src/modules/conversations/index.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";
import { mountedRoutes } from "../../support/express-routes.ts";

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { security?: Record<string, string[]>[]; responses: Record<string, { content?: Record<string, { schema: { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } } }> }> }>>;
  components: { securitySchemes: Record<string, { type: string; in?: string; name?: string; scheme?: string }> };
};

describe.each(testEngines())("the OpenAPI document on $name", (engine) => {
  let t: TestApp;
  let doc: Doc;

  beforeAll(async () => {
    // The Bot Framework channel is mounted only when configured: configure it, so /api/messages is served and compared too.
    t = await createTestApp({ database: await engine.open(), env: { MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000000", MICROSOFT_APP_PASSWORD: "test" } });
    const res = await fetch(`${t.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    doc = (await res.json()) as Doc;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  it("is served to anyone, without a session or key, and is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // Every $ref resolves.
    expect(() => validator.resolveRefs()).not.toThrow();
  }, 30_000);

  it("documents every route express serves under /api/v1, /api/messages and the API channel, and nothing it does not serve", () => {
    // The reference page (/api/docs) and its scripts are a page, not API operations.
    const served = mountedRoutes(t.app.express)
      .filter((route) => route.path.startsWith("/api/v1/") || route.path === "/api/messages" || route.path.startsWith("/channels/api/"))
      .map((route) => `${route.method.toUpperCase()} ${openApiPath(route.path)}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(served).toContain("POST /api/messages");
    expect(served).toContain("POST /channels/api/{inboxId}");
    expect(served).toContain("GET /api/v1/tickets/{id}");
    expect([...new Set(served)].sort()).toEqual([...documented].sort());
  });

  it("names the session cookie and the Bearer API key, and gives each operation its security and its scopes", () => {
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie", name: "sb_session" });
    expect(doc.components.securitySchemes.apiKey).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.paths["/api/v1/openapi.json"].get.security).toEqual([]);
    expect(doc.paths["/api/v1/api-keys"].post.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths["/api/v1/tickets/{id}"].patch.security).toEqual([{ sessionCookie: [] }, { apiKey: ["tickets:write"] }]);
    expect(doc.paths["/api/v1/reports/topics.csv"].get.security).toEqual([{ sessionCookie: [] }, { apiKey: ["reports:read"] }]);
  });

  it("lists each operation's error codes under their HTTP status, in the {error: {code, message}} shape", () => {
    const codes = (path: string, method: string, status: string) => doc.paths[path][method].responses[status]?.content?.["application/json"].schema.properties?.error?.properties?.code?.enum;
    expect(codes("/api/v1/tickets/{id}", "get", "404")).toEqual(["TICKET_NOT_FOUND"]);
    expect(codes("/api/v1/tickets/{id}", "get", "401")).toEqual(["UNAUTHENTICATED"]);
    expect(codes("/api/v1/auth/login", "post", "401")).toEqual(["INVALID_CREDENTIALS"]);
    expect(codes("/api/v1/api-keys/{id}", "delete", "404")).toEqual(["API_KEY_NOT_FOUND"]);
    for (const op of OPERATIONS) {
      for (const code of op.errors ?? []) {
        expect(codes(openApiPath(op.path), op.method, String(errorCatalogue[code].status)), `${op.method} ${op.path}`).toContain(code);
      }
    }
  });

  it("describes the bodies the server really answers (each checked against its documented schema)", async () => {
    const cookie = await t.login();
    const { conversation } = await receiveCustomerMessage(t.container.deps, {
      inboxId: t.inboxId,
      channel: "web",
      externalUserId: "openapi-check",
      externalConversationId: "openapi-check",
      text: "My order ORD-10001 has not arrived, I am upset",
      answeredInTurn: true,
    });
    await openHandoffTicket(t.container.deps, { conversationId: conversation.id, reason: "customer_request" });
    const conversations = await api<{ data: unknown[]; nextCursor: string | null }>(t.url, "GET", "/api/v1/conversations?status=all", { cookie });
    const tickets = await api<{ data: { id: string }[] }>(t.url, "GET", "/api/v1/tickets?status=all", { cookie });
    expect(tickets.body.data.length).toBeGreaterThan(0);
    const checks: [string, z.ZodType, unknown][] = [
      ["GET /auth/me", userDTO, (await api<{ data: unknown }>(t.url, "GET", "/api/v1/auth/me", { cookie })).body.data],
      ["GET /auth/sessions", sessionDTO.array(), (await api<{ data: unknown }>(t.url, "GET", "/api/v1/auth/sessions", { cookie })).body.data],
      ["GET /users", userDTO.array(), (await api<{ data: unknown }>(t.url, "GET", "/api/v1/users", { cookie })).body.data],
      ["GET /api-keys", apiKeyDTO.array(), (await api<{ data: unknown }>(t.url, "GET", "/api/v1/api-keys", { cookie })).body.data],
      ["GET /conversations", conversationDTO.array().min(1), conversations.body.data],
      ["GET /tickets", ticketDTO.array(), tickets.body.data],
      ["GET /reports/topics", topicsReportDTO, (await api<{ data: unknown }>(t.url, "GET", "/api/v1/reports/topics", { cookie })).body.data],
    ];
    const first = conversations.body.data[0] as { id: string };
    checks.push(["GET /conversations/:id", conversationDTO, (await api<{ data: unknown }>(t.url, "GET", `/api/v1/conversations/${first.id}`, { cookie })).body.data]);
    checks.push(["GET /conversations/:id/messages", messageDTO.array().min(1), (await api<{ data: unknown }>(t.url, "GET", `/api/v1/conversations/${first.id}/messages`, { cookie })).body.data]);
    checks.push(["GET /inboxes", inboxDTO.array().min(1), (await api<{ data: unknown }>(t.url, "GET", "/api/v1/inboxes", { cookie })).body.data]);
    checks.push(["GET /tickets/:id", ticketWithEventsDTO, (await api<{ data: unknown }>(t.url, "GET", `/api/v1/tickets/${tickets.body.data[0].id}`, { cookie })).body.data]);
    // The CRM: a company, a customer in it with a note, and the lists, profile and timeline that show them.
    const company = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/companies", { cookie, body: { name: "Openapi Outdoor", domain: "openapi-outdoor.example" } });
    const customer = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/customers", { cookie, body: { name: "Ola Api", email: "ola@openapi-outdoor.example", tags: ["vip"] } });
    const note = await api<{ data: unknown }>(t.url, "POST", `/api/v1/customers/${customer.body.data.id}/notes`, { cookie, body: { text: "Prefers email" } });
    const get = async (path: string): Promise<unknown> => (await api<{ data: unknown }>(t.url, "GET", `/api/v1${path}`, { cookie })).body.data;
    checks.push(
      ["POST /companies", companyDTO, company.body.data],
      ["POST /customers", customerProfileDTO, customer.body.data],
      ["POST /customers/:id/notes", noteDTO, note.body.data],
      ["GET /customers", customerSummaryDTO.array().min(1), await get("/customers")],
      ["GET /customers/:id", customerProfileDTO, await get(`/customers/${customer.body.data.id}`)],
      ["GET /customers/:id/notes", noteDTO.array().min(1), await get(`/customers/${customer.body.data.id}/notes`)],
      ["GET /customers/:id/timeline", timelineItemDTO.array().min(1), await get(`/customers/${customer.body.data.id}/timeline`)],
      ["GET /companies", companyDTO.array().min(1), await get("/companies")],
      ["GET /attributes", attributeDefinitionDTO.array(), await get("/attributes")],
      ["GET /agents?withLoad=1", agentDTO.array().min(1), await get("/agents?withLoad=1")],
      ["GET /agents/teams", assignableTeamDTO.array(), await get("/agents/teams")],
    );
    const exported = await api(t.url, "GET", `/api/v1/customers/${conversation.customerId}/export`, { cookie });
    checks.push(["GET /customers/:id/export", customerExportDTO, exported.body]);
    const upload = await fetch(`${t.url}/api/v1/imports?filename=openapi.csv`, {
      method: "POST",
      headers: { cookie, "content-type": "text/csv" },
      body: "name,email\nIda Import,ida@openapi-outdoor.example\n",
    });
    const started = (await upload.json()) as { data: { id: string } };
    checks.push(["POST /imports", importDTO, started.data], ["GET /imports/:id", importDTO, await get(`/imports/${started.data.id}`)], ["GET /imports", importDTO.array().min(1), await get("/imports")]);
    // Deals: one for the CRM customer, moved once; the stages, list, history, pipeline, draft and the timeline's deal items.
    const deal = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/deals", { cookie, body: { title: "Openapi tents", customerId: customer.body.data.id, amountCents: 12_345 } });
    const moved = await api<{ data: unknown }>(t.url, "PATCH", `/api/v1/deals/${deal.body.data.id}`, { cookie, body: { stage: "won" } });
    checks.push(
      ["POST /deals", dealDTO, deal.body.data],
      ["PATCH /deals/:id", dealDTO, moved.body.data],
      ["GET /deals", dealDTO.array().min(1), await get("/deals")],
      ["GET /deals/:id", dealDTO, await get(`/deals/${deal.body.data.id}`)],
      ["GET /deals/:id/history", dealStageChangeDTO.array().min(2), await get(`/deals/${deal.body.data.id}/history`)],
      ["GET /deals/stages", dealStageDTO.array().min(6), await get("/deals/stages")],
      ["GET /deals/pipeline", pipelineDTO, await get("/deals/pipeline")],
      ["GET /deals/draft", dealDraftDTO, await get(`/deals/draft?conversationId=${conversation.id}`)],
      ["GET /customers/:id/timeline (deals)", timelineItemDTO.array().min(2), await get(`/customers/${customer.body.data.id}/timeline?kinds=deal`)],
    );
    const problems = checks.flatMap(([name, schema, body]) => {
      const parsed = schema.safeParse(body);
      return parsed.success ? [] : [`${name}: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`];
    });
    expect(problems).toEqual([]);
  }, 60_000);

  it("is built once and served as the same text to every request", async () => {
    const [a, b] = await Promise.all([fetch(`${t.url}/api/v1/openapi.json`), fetch(`${t.url}/api/v1/openapi.json`)]);
    expect(await a.text()).toBe(await b.text());
  });
});
