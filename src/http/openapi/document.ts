/**
 * The OpenAPI 3.1 document of the REST API, generated with @asteasolutions/zod-to-openapi from the zod schemas the
 * routes validate with (exported by each module's routes file) and the DTO schemas beside this file. Who may call an
 * operation comes from the permission matrix, its errors from the error catalogue.
 */
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { API_SCOPES, apiScopeGrants, PERMISSION_MATRIX, type Action } from "../../contracts/permissions.ts";
import { errorCatalogue, type ErrorCode } from "../../errors.ts";
import { SESSION_COOKIE } from "../middlewares/auth.ts";
import { openApiPath, type Access, type Operation } from "./operation.ts";
import { consoleOperations } from "./paths-console.ts";
import { crmOperations } from "./paths-crm.ts";
import { customerOperations } from "./paths-customers.ts";
import { importOperations } from "./paths-imports.ts";
import { channelOperations } from "./paths-channels.ts";
import { agentToolOperations } from "./paths-agent-tools.ts";
import { helpdeskOperations } from "./paths-helpdesk.ts";
import { knowledgeOperations } from "./paths-knowledge.ts";
import { profileOperations } from "./paths-profile.ts";
import { inboxOperations } from "./paths-inboxes.ts";
import { widgetLookOperations } from "./paths-widget-look.ts";
import { serviceOperations } from "./paths-service.ts";
import { slaOperations } from "./paths-sla.ts";
import { salesCatalogueOperations } from "./paths-catalogue.ts";
import { dealOperations } from "./paths-deals.ts";
import { planOperations } from "./paths-plans.ts";
import { campaignOperations } from "./paths-campaigns.ts";
import { reportOperations } from "./paths-reports.ts";
import { insightOperations } from "./paths-insights.ts";
import { revenueOperations } from "./paths-revenue.ts";
import { searchOperations } from "./paths-search.ts";

/** Every documented operation, in the document's order. */
export const OPERATIONS: readonly Operation[] = [
  ...consoleOperations,
  ...profileOperations,
  ...helpdeskOperations,
  ...agentToolOperations,
  ...searchOperations,
  ...knowledgeOperations,
  ...inboxOperations,
  ...widgetLookOperations,
  ...slaOperations,
  ...serviceOperations,
  ...reportOperations,
  ...insightOperations,
  ...customerOperations,
  ...crmOperations,
  ...importOperations,
  ...salesCatalogueOperations,
  ...dealOperations,
  ...revenueOperations,
  ...planOperations,
  ...campaignOperations,
  ...channelOperations,
];

const TAGS: { name: string; description: string }[] = [
  { name: "Console sessions", description: "Logging in and out of the console, the user's sessions and password." },
  { name: "Users", description: "Console users, teams and the audit log of settings changes (admins)." },
  { name: "Agent tools", description: "Canned replies, private notes, labels and notifications." },
  { name: "Search", description: "One full-text search over conversations, messages, customers and tickets." },
  { name: "Bot answers", description: "The knowledge-base articles the bot answers from, the bot preview, retraining the intent model." },
  { name: "Inboxes", description: "Inboxes of every channel and their (sealed) channel settings (admins, console sessions)." },
  { name: "API keys", description: "Keys other systems use with `Authorization: Bearer` (admins, from a console session)." },
  { name: "SLA", description: "SLA policies per priority and inboxes' business hours (admins)." },
  { name: "Conversations", description: "Conversations and their messages." },
  { name: "Tickets", description: "Hand-off tickets, their assignment and history." },
  { name: "Customers", description: "The customer record: search, profile, edits, tags and custom attributes." },
  { name: "Notes and timeline", description: "Notes on customers and the timeline of everything that happened to them." },
  { name: "Companies", description: "Companies customers belong to." },
  { name: "Imports and exports", description: "Customers and companies from CSV files, customers to CSV." },
  { name: "Privacy", description: "A customer's GDPR export and erasure (admins, console sessions)." },
  { name: "Products and orders", description: "The product catalogue and customers' orders." },
  { name: "Deals", description: "The deals pipeline: stages, deals, their history, leads from chats." },
  { name: "Sales figures", description: "Sales summary, targets and attainment, the revenue forecast (managers)." },
  { name: "Sales plans", description: "Lead assignment and effort allocation by optimisation, and the reps they plan for (managers)." },
  { name: "Campaigns", description: "Campaigns to a segment or a CRM filter over the widget or email, opt-outs and results (managers)." },
  { name: "Reports", description: "Reports for managers." },
  { name: "Insights", description: "Customer features, segments, the PCA map and churn risk (docs/insights.md)." },
  { name: "Backups", description: "Database snapshots (admins)." },
  { name: "Channels", description: "Inbound channel endpoints." },
  { name: "Reference", description: "This document." },
];

function scopeLines(): string {
  return API_SCOPES.map((scope) => {
    const allows = apiScopeGrants(scope).map((row) => row.label);
    return `- \`${scope}\`: ${[...new Set(allows)].join("; ")}`;
  }).join("\n");
}

const INFO_DESCRIPTION = `The Switchboard REST API. Requests and responses are JSON; a single record comes as \`{"data": …}\`, a list as \`{"data": […], "nextCursor": "…" | null}\` (pass \`nextCursor\` back as \`?cursor=\` for the next page).

Every error is \`{"error": {"code", "message", "fields"?}}\` with a stable code: \`fields\` names each invalid input and why; \`RATE_LIMITED\` adds \`retryAfter\` (seconds, also the \`Retry-After\` header).

**Authentication.** The console uses the \`${SESSION_COOKIE}\` session cookie. Other systems use an API key created by an admin: \`Authorization: Bearer sbk_…\`. A key may call the operations its scopes allow (each operation says which); console-only operations answer a key 403 FORBIDDEN, and an unknown or revoked key gets 401 UNAUTHENTICATED.

API key scopes:
${scopeLines()}`;

function rolesOf(action: Action): string {
  return PERMISSION_MATRIX.filter((row) => row.action === action)
    .map((row) => `- ${row.label}: ${row.roles.length ? row.roles.join(", ") : "nobody"}${row.apiScope ? `; API key with \`${row.apiScope}\`` : ""}`)
    .join("\n");
}

function accessText(access: Access): string {
  if (access.auth === "public") return "No authentication.";
  if (access.auth === "botframework") return "A Bot Framework token from Azure Bot Service (checked by the Bot Framework adapter).";
  if (access.auth === "inboxToken") return "The API-channel inbox's token (`Authorization: Bearer sbi_…` or `X-Inbox-Token`), given when the inbox was created.";
  const who = access.auth === "session" ? "Console session only (an API key gets 403 FORBIDDEN)." : "Console session or API key.";
  const rows = (access.actions ?? []).map(rolesOf).join("\n");
  return rows ? `${who} Who may:\n${rows}` : `${who} Any role.`;
}

function keyScopes(actions: readonly Action[]): string[] {
  return [...new Set(PERMISSION_MATRIX.filter((row) => actions.includes(row.action) && row.apiScope).map((row) => row.apiScope as string))];
}

function security(access: Access): RouteConfig["security"] {
  if (access.auth === "public") return [];
  if (access.auth === "botframework") return [{ botFramework: [] }];
  if (access.auth === "inboxToken") return [{ inboxToken: [] }];
  if (access.auth === "session") return [{ sessionCookie: [] }];
  return [{ sessionCookie: [] }, { apiKey: keyScopes(access.actions) }];
}

/** The error codes an operation can answer: its own, plus those of every route with its input, access and method. */
export function errorCodes(op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(["INTERNAL"]);
  const v1 = op.path.startsWith("/api/v1/");
  if (v1) codes.add("RATE_LIMITED");
  if (op.params || op.query || op.body || op.bodyContent) codes.add("VALIDATION_FAILED");
  if (op.body || op.bodyContent) for (const code of ["MALFORMED_JSON", "PAYLOAD_TOO_LARGE", "UNSUPPORTED_MEDIA_TYPE"] as const) codes.add(code);
  if (op.access.auth === "session" || op.access.auth === "actor") {
    codes.add("UNAUTHENTICATED");
    codes.add("FORBIDDEN");
  }
  // Cross-site requests that change something are refused (origin check) on every /api/v1 route.
  if (v1 && op.method !== "get") codes.add("FORBIDDEN");
  for (const code of op.errors ?? []) codes.add(code);
  return [...codes];
}

function errorBody(codes: ErrorCode[]): z.ZodType {
  return z.object({
    error: z.object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional().meta({ description: "Each invalid input and why." }),
      ...(codes.includes("RATE_LIMITED") ? { retryAfter: z.number().int().optional().meta({ description: "Seconds to wait (RATE_LIMITED)." }) } : {}),
      ...(codes.some((c) => c.endsWith("_EXISTS")) ? { existingId: z.string().optional().meta({ description: "The record the new one collides with." }) } : {}),
      ...(codes.includes("REPLY_CONFLICT")
        ? { latestReply: z.object({ id: z.string(), by: z.string() }).optional().meta({ description: "The colleague's reply the sender had not seen (REPLY_CONFLICT)." }) }
        : {}),
      ...(codes.includes("CUSTOMER_NOT_FOUND") ? { mergedInto: z.string().optional().meta({ description: "The record a merged customer now lives in." }) } : {}),
    }),
  });
}

function responses(op: Operation): RouteConfig["responses"] {
  const s = op.success;
  const ok: RouteConfig["responses"][string] =
    "data" in s
      ? { description: s.description, content: { "application/json": { schema: z.object({ data: s.data }) } } }
      : "page" in s
        ? { description: s.description, content: { "application/json": { schema: z.object({ data: z.array(s.page), nextCursor: z.string().nullable() }) } } }
        : "document" in s
          ? { description: s.description, content: { "application/json": { schema: s.document } } }
          : "files" in s
            ? { description: s.description, content: Object.fromEntries(s.files.map((type) => [type, { schema: z.string().meta({ contentMediaType: type }) }])) }
            : { description: s.description };
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodes(op)) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const errors = Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((code) => `\`${code}\`: ${errorCatalogue[code].message}`).join(" "),
        content: { "application/json": { schema: errorBody(codes) } },
        ...(codes.includes("RATE_LIMITED") ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" as const } } } } : {}),
      },
    ]),
  );
  return { [String(s.status)]: ok, ...errors };
}

/** Builds the whole document (call once: routes cache it). */
export function buildOpenApiDocument(): ReturnType<OpenApiGeneratorV31["generateDocument"]> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: SESSION_COOKIE,
    description: "The console's session, set by POST /api/v1/auth/login (HttpOnly). Cross-site requests carrying it are refused.",
  });
  registry.registerComponent("securitySchemes", "apiKey", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "sbk_…",
    description: `An API key (\`Authorization: Bearer sbk_…\`), created by an admin; each operation lists the scopes that allow it.\n\n${scopeLines()}`,
  });
  registry.registerComponent("securitySchemes", "botFramework", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "The Bot Framework's token, issued by Azure Bot Service to the channel connector.",
  });
  registry.registerComponent("securitySchemes", "inboxToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "sbi_…",
    description: "An API-channel inbox's token (also accepted as the X-Inbox-Token header), shown once when the inbox is created or its token replaced.",
  });
  for (const op of OPERATIONS) {
    registry.registerPath({
      method: op.method,
      path: openApiPath(op.path),
      operationId: `${op.method}${openApiPath(op.path).replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      tags: [op.tag],
      summary: op.summary,
      description: [op.description, `**Access.** ${accessText(op.access)}`].filter(Boolean).join("\n\n"),
      security: security(op.access),
      request: {
        ...(op.params ? { params: op.params } : {}),
        ...(op.query ? { query: op.query } : {}),
        ...(op.body ? { body: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
        ...(op.bodyContent ? { body: { required: true, content: Object.fromEntries(Object.entries(op.bodyContent).map(([type, schema]) => [type, { schema }])) } } : {}),
      },
      responses: responses(op),
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Switchboard REST API", version: "1", description: INFO_DESCRIPTION },
    servers: [{ url: "/", description: "This server" }],
    tags: TAGS,
  });
}
