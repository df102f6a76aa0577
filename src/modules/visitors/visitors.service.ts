/** Widget visitor use cases: issue, check and rotate the visitor's credential, and link a verified user to their customer record. */
import { createHash, randomBytes } from "node:crypto";
import { resolveCustomerId } from "../customers/index.ts";
import type { ServiceDeps } from "../deps.ts";
import { verifyIdentity, type SignedIdentity, type VerifiedIdentity } from "./identity.ts";
import { deleteIdleVisitors, findVisitorByTokenHash, insertVisitor, rotateVisitorToken, setVisitorCustomer, touchVisitor, type VisitorRow } from "./visitors.repo.ts";

/** A token older than this is replaced by a new one on the next connection. */
export const TOKEN_ROTATE_AFTER_MS = 30 * 86_400_000;
/** How long a replaced token keeps working (another tab, a reconnect racing the rotation). */
export const PREVIOUS_TOKEN_GRACE_MS = 86_400_000;
/** last_seen_at is written at most this often per visitor, so reconnects cost no write. */
const LAST_SEEN_RESOLUTION_MS = 3_600_000;

/** The visitor behind a widget connection. */
export type WidgetVisitor = {
  /** The id the widget must store and send next time (sent back in the `visitor` event). */
  visitorId: string;
  /** The visitor record's id (never the token). */
  recordId: string;
  /** The customer record of a verified user; undefined for an anonymous visitor. */
  customerId?: string;
  verified?: VerifiedIdentity;
  /** The external ids the conversation module knows this visitor's conversation and identity by. */
  externalUserId: string;
  externalConversationId: string;
};

/** The identity channel under which verified users of an inbox are linked to customer records. */
export const verifiedChannel = (inboxId: string): string => `verified:${inboxId}`;

/** SHA-256 of a token, hex: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new visitor token: 256 random bits, base64url, with a version prefix (47 characters). */
export function newToken(): string {
  return `v1.${randomBytes(32).toString("base64url")}`;
}

/** Whether a presented token opens this visitor: the current token, or the previous one within its grace period. */
function accepts(row: VisitorRow, hash: string, inboxId: string, now: Date): "current" | "previous" | null {
  if (row.inboxId !== inboxId) return null;
  if (row.tokenHash === hash) return "current";
  if (row.previousTokenHash === hash && row.previousValidUntil && row.previousValidUntil > now) return "previous";
  return null;
}

async function customerOf(deps: Pick<ServiceDeps, "db">, inboxId: string, verified: VerifiedIdentity): Promise<string> {
  // A JWT's email links the user to the CRM record with that email; the HMAC signs only the id, so it never does.
  return resolveCustomerId(deps, { channel: verifiedChannel(inboxId), externalId: verified.userId }, { email: verified.email ?? null, name: verified.name ?? null });
}

function describe(row: VisitorRow, token: string, inboxId: string, verified: VerifiedIdentity | undefined, customerId: string | undefined): WidgetVisitor {
  // A verified user has one conversation per inbox whatever the device; an anonymous one, one per visitor record.
  if (verified && customerId) {
    return { visitorId: token, recordId: row.id, customerId, verified, externalUserId: verified.userId, externalConversationId: `${inboxId}:customer:${customerId}` };
  }
  return { visitorId: token, recordId: row.id, externalUserId: row.id, externalConversationId: `${inboxId}:${row.id}` };
}

/**
 * Establishes the visitor of a widget connection: verifies the signed identity (IDENTITY_INVALID / IDENTITY_EXPIRED),
 * keeps a valid server-issued token (rotating it when old), and issues a new visitor for anything else: a placeholder,
 * a forged or expired token, another inbox's token, or a verified visitor's token presented without that identity.
 */
export async function establishVisitor(
  deps: Pick<ServiceDeps, "db" | "now">,
  inbox: { id: string; secret: string },
  presented: string,
  identity: SignedIdentity,
  attempt = 0,
): Promise<WidgetVisitor> {
  const verified = await verifyIdentity(identity, inbox.secret);
  const customerId = verified ? await customerOf(deps, inbox.id, verified) : undefined;
  const now = deps.now();
  const hash = hashToken(presented);
  const row = await findVisitorByTokenHash(deps.db, hash);
  const slot = row ? accepts(row, hash, inbox.id, now) : null;
  // A token that once carried a verified identity opens only that identity's conversation, never an anonymous one.
  const sameUser = row !== undefined && (row.customerId === null || row.customerId === customerId);
  if (!row || !slot || !sameUser) {
    const token = newToken();
    const created = await insertVisitor(deps.db, { inboxId: inbox.id, tokenHash: hashToken(token), customerId: customerId ?? null, at: now });
    return describe(created, token, inbox.id, verified, customerId);
  }
  const bound = customerId ?? row.customerId;
  if (slot === "previous" || now.getTime() - row.rotatedAt.getTime() >= TOKEN_ROTATE_AFTER_MS) {
    const token = newToken();
    const rotated = await rotateVisitorToken(deps.db, row.id, {
      currentHash: row.tokenHash,
      newHash: hashToken(token),
      previousValidUntil: new Date(now.getTime() + PREVIOUS_TOKEN_GRACE_MS),
      at: now,
      customerId: bound,
    });
    // Another connection rotated it first: the token presented is now that rotation's previous one, still valid.
    if (!rotated && attempt < 2) return establishVisitor(deps, inbox, presented, identity, attempt + 1);
    return describe(row, token, inbox.id, verified, customerId);
  }
  if (customerId && row.customerId === null) await setVisitorCustomer(deps.db, row.id, customerId);
  else await touchVisitor(deps.db, row.id, { at: now, staleBefore: new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS), customerId: bound });
  return describe(row, presented, inbox.id, verified, customerId);
}

/**
 * Forgets widget visitors idle for longer than the retention (VISITOR_RETENTION_DAYS) that never wrote and were never
 * verified: every page view of a site with the widget makes one, so without this the table only grows. Visitors with a
 * conversation or a customer stay (their browser keeps its history). Deletes in batches; returns how many went.
 */
export async function forgetIdleVisitors(deps: Pick<ServiceDeps, "db" | "now">, retentionMs: number, batch = 5_000): Promise<number> {
  const before = new Date(deps.now().getTime() - retentionMs);
  let total = 0;
  for (;;) {
    const deleted = await deleteIdleVisitors(deps.db, before, batch);
    total += deleted;
    if (deleted < batch) return total;
  }
}
