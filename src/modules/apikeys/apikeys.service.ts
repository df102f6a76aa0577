/** API keys: created by admins (the token shown once), stored hashed, checked on every Bearer request, revocable. */
import { createHash, randomBytes } from "node:crypto";
import type { ApiKeyDTO } from "../../contracts/crm.ts";
import { API_SCOPES, type ApiScope } from "../../contracts/permissions.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findLiveKeyByHash, insertApiKey, listApiKeys, revokeApiKey, touchApiKey, type ApiKeyRow } from "./apikeys.repo.ts";

/** Every token starts with this, so a leaked one is recognisable (and secret scanners can be taught it). */
export const API_KEY_PREFIX = "sbk_";

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a key and returns it with its token, which is never shown again. */
export async function createApiKey(
  deps: Pick<ServiceDeps, "db">,
  input: { name: string; scopes: ApiScope[]; createdBy: string | null },
): Promise<{ key: ApiKeyRow; token: string }> {
  const token = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  const key = await insertApiKey(deps.db, {
    name: input.name,
    scopes: [...new Set(input.scopes)],
    tokenHash: hashToken(token),
    prefix: token.slice(0, API_KEY_PREFIX.length + 6),
    createdBy: input.createdBy,
  });
  return { key, token };
}

// lastUsedAt is refreshed at most this often: a busy integration would otherwise write the row on every request.
const TOUCH_EVERY_MS = 60_000;

/**
 * The live key a Bearer token names, or undefined (unknown, malformed or revoked). Read from the database on every
 * request, with no cache, so a revocation holds at once on every node.
 */
export async function authenticateApiKey(deps: Pick<ServiceDeps, "db" | "now">, token: string): Promise<ApiKeyRow | undefined> {
  if (!token.startsWith(API_KEY_PREFIX) || token.length > 200) return undefined;
  const key = await findLiveKeyByHash(deps.db, hashToken(token));
  const now = deps.now();
  if (key && (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= TOUCH_EVERY_MS)) await touchApiKey(deps.db, key.id, now, TOUCH_EVERY_MS);
  return key;
}

/** The scopes a stored key grants (a scope name this version does not know grants nothing). */
export function apiKeyScopes(row: Pick<ApiKeyRow, "scopes">): ApiScope[] {
  return row.scopes.filter((scope): scope is ApiScope => (API_SCOPES as readonly string[]).includes(scope));
}

/** Every key, newest first. */
export async function allApiKeys(deps: Pick<ServiceDeps, "db">): Promise<ApiKeyRow[]> {
  return listApiKeys(deps.db);
}

/** Revokes a key: from now on its token gets 401. */
export async function revokeKey(deps: Pick<ServiceDeps, "db" | "now">, id: string): Promise<ApiKeyRow> {
  const key = await revokeApiKey(deps.db, id, deps.now());
  if (!key) throw new AppError("API_KEY_NOT_FOUND");
  return key;
}

/** Presents a key for the admin's list (never its hash). */
export function presentApiKey(row: ApiKeyRow): ApiKeyDTO {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: apiKeyScopes(row),
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
