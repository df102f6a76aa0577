/** Helpers of the deals tests: the demo users' sessions and ids, deal requests, and API keys with given scopes. */
import type { UserDTO } from "../../src/contracts/api.ts";
import type { DealDTO } from "../../src/contracts/sales.ts";
import type { ApiScope } from "../../src/contracts/permissions.ts";
import { demoAgents } from "../../src/db/seed/demo-data.ts";
import { api, type Credentials, type JsonResponse } from "./api-client.ts";
import type { TestApp } from "./create-test-app.ts";

/** A console user of the test app: their session cookie and id. */
export type SessionUser = { cookie: string; id: string };

/** The error body every refusal answers with. */
export type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

/** A response carrying one deal, or an error. */
export type DealResponse = JsonResponse<{ data: DealDTO } & Partial<ErrorBody>>;

/** Logs a user in and reads their id. */
export async function sessionOf(t: TestApp, email?: string): Promise<SessionUser> {
  const cookie = await t.login(email);
  const me = await api<{ data: UserDTO }>(t.url, "GET", "/api/v1/auth/me", { cookie });
  return { cookie, id: me.body.data.id };
}

/** The admin and the demo users: Alex and Sam (agents), Morgan (manager). */
export async function dealPeople(t: TestApp): Promise<Record<"admin" | "alex" | "sam" | "morgan", SessionUser>> {
  const email = (name: string) => demoAgents.find((a) => a.name.startsWith(name))!.email;
  return {
    admin: await sessionOf(t),
    alex: await sessionOf(t, email("Alex")),
    sam: await sessionOf(t, email("Sam")),
    morgan: await sessionOf(t, email("Morgan")),
  };
}

/** An API key with these scopes (made by the admin); answers its token. */
export async function keyWith(t: TestApp, adminCookie: string, scopes: ApiScope[]): Promise<string> {
  const res = await api<{ data: { token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: adminCookie, body: { name: `deals ${scopes.join("+")}`, scopes } });
  if (res.status !== 201) throw new Error(`could not create a key: ${res.status}`);
  return res.body.data.token;
}

/** POST /api/v1/deals as someone. */
export function postDeal(t: TestApp, who: Credentials, body: Record<string, unknown>): Promise<DealResponse> {
  return api(t.url, "POST", "/api/v1/deals", { ...who, body }) as Promise<DealResponse>;
}

/** PATCH /api/v1/deals/:id as someone. */
export function patchDeal(t: TestApp, who: Credentials, id: string, body: Record<string, unknown>): Promise<DealResponse> {
  return api(t.url, "PATCH", `/api/v1/deals/${id}`, { ...who, body }) as Promise<DealResponse>;
}
