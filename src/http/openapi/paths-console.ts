/** Operations of the console's own routes: login and sessions, backups, API keys, and this document. */
import { z } from "zod";
import { inviteBody, loginBody, presenceBody } from "../../modules/agents/agents.routes.ts";
import { passwordBody, sessionIdParams } from "../../modules/agents/sessions.routes.ts";
import { apiKeyIdParams, createApiKeyBody } from "../../modules/apikeys/apikeys.routes.ts";
import type { Operation } from "./operation.ts";
import { sessionDTO, userDTO } from "./schemas-api.ts";
import { apiKeyDTO, createdApiKeyDTO } from "./schemas-crm.ts";

const V1 = "/api/v1";
const session = { auth: "session" } as const;

/** The console's operations. */
export const consoleOperations: Operation[] = [
  {
    method: "post",
    path: `${V1}/auth/login`,
    tag: "Console sessions",
    summary: "Log in",
    description: "Checks the email and password and sets the `sb_session` cookie (HttpOnly, SameSite=Lax). Attempts are limited per address and per account.",
    access: { auth: "public" },
    body: loginBody,
    success: { status: 200, description: "Logged in; the session cookie is set.", data: userDTO },
    errors: ["INVALID_CREDENTIALS"],
  },
  {
    method: "post",
    path: `${V1}/auth/invite`,
    tag: "Console sessions",
    summary: "Accept an invite link",
    description:
      "Sets the password of a user an admin invited (the token of their emailed `/console/invite/<token>` link; the password follows the rules of a password change) and signs them in like a login (the `sb_session` cookie). A link works once, within 72 hours.",
    access: { auth: "public" },
    body: inviteBody,
    success: { status: 200, description: "Password set and logged in; the session cookie is set.", data: userDTO },
    errors: ["INVITE_INVALID"],
  },
  {
    method: "post",
    path: `${V1}/auth/logout`,
    tag: "Console sessions",
    summary: "Log out",
    description: "Ends the session of the cookie sent, if any, and clears the cookie.",
    access: { auth: "public" },
    success: { status: 204, description: "Logged out." },
  },
  { method: "get", path: `${V1}/auth/me`, tag: "Console sessions", summary: "The logged-in user", access: session, success: { status: 200, description: "The user.", data: userDTO } },
  {
    method: "get",
    path: `${V1}/auth/sessions`,
    tag: "Console sessions",
    summary: "List your sessions",
    access: { auth: "session", actions: ["session.list"] },
    success: { status: 200, description: "Your live sessions, the current one marked.", data: z.array(sessionDTO) },
  },
  {
    method: "delete",
    path: `${V1}/auth/sessions/:id`,
    tag: "Console sessions",
    summary: "End one of your sessions",
    access: { auth: "session", actions: ["session.end"] },
    params: sessionIdParams,
    success: { status: 204, description: "The session is ended and its sockets disconnected." },
    errors: ["SESSION_NOT_FOUND"],
  },
  {
    method: "post",
    path: `${V1}/auth/logout-everywhere`,
    tag: "Console sessions",
    summary: "Log out everywhere",
    access: { auth: "session", actions: ["session.end"] },
    success: { status: 204, description: "Every session of yours is ended." },
  },
  {
    method: "post",
    path: `${V1}/auth/password`,
    tag: "Console sessions",
    summary: "Change your password",
    description: "Ends every session of yours, this one included.",
    access: session,
    body: passwordBody,
    success: { status: 204, description: "Changed; log in again." },
  },
  {
    method: "patch",
    path: `${V1}/agents/me`,
    tag: "Console sessions",
    summary: "Set your presence",
    access: session,
    body: presenceBody,
    success: { status: 200, description: "The user with the new status.", data: userDTO },
  },
  {
    method: "post",
    path: `${V1}/admin/backup`,
    tag: "Backups",
    summary: "Download a backup",
    description:
      "A consistent snapshot of the running server's database, as a download: a gzipped tar of the embedded database, or a `pg_dump` custom-format file on a PostgreSQL server. Restore with `switchboard restore --from FILE`.",
    access: { auth: "session", actions: ["settings.backup"] },
    success: { status: 200, description: "The backup file.", files: ["application/gzip", "application/octet-stream"] },
    errors: ["UNAVAILABLE"],
  },
  {
    method: "get",
    path: `${V1}/api-keys`,
    tag: "API keys",
    summary: "List API keys",
    description: "Every key, newest first, revoked ones included; never a token or its hash.",
    access: { auth: "session", actions: ["settings.apikeys"] },
    success: { status: 200, description: "The keys.", data: z.array(apiKeyDTO) },
  },
  {
    method: "post",
    path: `${V1}/api-keys`,
    tag: "API keys",
    summary: "Create an API key",
    description: "Answers the token once (`sbk_…`); only its SHA-256 is stored, so it cannot be shown again.",
    access: { auth: "session", actions: ["settings.apikeys"] },
    body: createApiKeyBody,
    success: { status: 201, description: "The key with its token.", data: createdApiKeyDTO },
  },
  {
    method: "delete",
    path: `${V1}/api-keys/:id`,
    tag: "API keys",
    summary: "Revoke an API key",
    description: "From the next request on, the key's token gets 401 UNAUTHENTICATED on every node. Revoking twice keeps the first time.",
    access: { auth: "session", actions: ["settings.apikeys"] },
    params: apiKeyIdParams,
    success: { status: 200, description: "The revoked key.", data: apiKeyDTO },
    errors: ["API_KEY_NOT_FOUND"],
  },
  {
    method: "get",
    path: `${V1}/openapi.json`,
    tag: "Reference",
    summary: "This OpenAPI document",
    access: { auth: "public" },
    success: { status: 200, description: "The OpenAPI 3.1 document of the REST API.", document: z.looseObject({ openapi: z.string() }) },
  },
];
