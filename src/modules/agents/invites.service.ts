/**
 * One-time invite links: an admin adds a user with `invite: "email"`, the user gets a link with a random token (256
 * bits; only its SHA-256 is stored) that sets their password once within 72 hours and signs them in.
 */
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findUser, updatePasswordHash, type UserRow } from "./agents.repo.ts";
import { hashPassword } from "./passwords.ts";
import { forgetUser, openSession, type ClientInfo } from "./sessions.service.ts";

/** How long an invite link works after it was sent. */
export const INVITE_TTL_MS = 72 * 3_600_000;

function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Stores a new invite for a user (in the caller's transaction) and returns its token, to be mailed once. */
export async function insertInvite(db: Database, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await db.insert(tables.userInvites).values({ tokenHash: hashInviteToken(token), userId, createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) });
  return token;
}

/**
 * Uses an invite link: marks it used (once: the update only takes an unused, unexpired invite, so two tries at once
 * cannot both win), sets the user's password and opens a session. INVITE_INVALID for an unknown, used or expired
 * token, or a user who was deactivated since.
 */
export async function acceptInvite(
  deps: Pick<ServiceDeps, "db" | "now" | "sessions">,
  token: string,
  password: string,
  client: ClientInfo,
): Promise<{ user: UserRow; token: string; sessionId: string; expiresAt: Date }> {
  const now = deps.now();
  const passwordHash = await hashPassword(password);
  const user = await deps.db.transaction(async (tx) => {
    const invites = tables.userInvites;
    const [used] = await tx
      .update(invites)
      .set({ usedAt: now })
      .where(and(eq(invites.tokenHash, hashInviteToken(token)), isNull(invites.usedAt), gt(invites.expiresAt, now)))
      .returning({ userId: invites.userId });
    if (!used) throw new AppError("INVITE_INVALID");
    const invited = await findUser(tx, used.userId);
    // A user deactivated since the invite was sent: refused, and the link stays unused (the transaction rolls back).
    if (!invited?.active) throw new AppError("INVITE_INVALID");
    await updatePasswordHash(tx, used.userId, passwordHash);
    return { ...invited, passwordHash };
  });
  forgetUser(deps.db, user.id);
  return openSession(deps, user, client);
}
