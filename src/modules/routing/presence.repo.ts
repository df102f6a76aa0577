/** Presence queries: each state change is one conditional statement, so nodes reporting at once agree on the outcome. */
import { and, eq, lt, ne, sql } from "drizzle-orm";
import { tables, type Database } from "../../db/index.ts";

type Status = "online" | "away" | "offline";

/** A user's presence after a change, and whether it changed. */
export type PresenceChange = { status: Status; changed: boolean } | undefined;

/**
 * A console socket connected or its user did something: notes the time, and brings the user online when they were
 * offline or away only for being idle (an "away" they chose stays).
 */
export async function recordActivity(db: Database, userId: string, at: Date): Promise<PresenceChange> {
  const u = tables.users;
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ status: u.status, idleAway: u.idleAway }).from(u).where(eq(u.id, userId)).for("update");
    if (!before) return undefined;
    const status: Status = before.status === "offline" || (before.status === "away" && before.idleAway) ? "online" : before.status;
    await tx.update(u).set({ lastActiveAt: at, status, idleAway: false }).where(eq(u.id, userId));
    return { status, changed: status !== before.status };
  });
}

/** Sets the presence the user chose; choosing "online" counts as activity. */
export async function chooseStatus(db: Database, userId: string, status: "online" | "away", at: Date): Promise<PresenceChange> {
  const u = tables.users;
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ status: u.status }).from(u).where(eq(u.id, userId)).for("update");
    if (!before) return undefined;
    await tx
      .update(u)
      .set({ status, idleAway: false, ...(status === "online" ? { lastActiveAt: at } : {}) })
      .where(eq(u.id, userId));
    return { status, changed: status !== before.status };
  });
}

/** The user's last console socket is gone: offline (unless already). */
export async function markOffline(db: Database, userId: string): Promise<boolean> {
  const u = tables.users;
  const rows = await db.update(u).set({ status: "offline", idleAway: false }).where(and(eq(u.id, userId), ne(u.status, "offline"))).returning({ id: u.id });
  return rows.length > 0;
}

/** Online users whose console reported no input since `before` become away (idle); returns their ids. */
export async function markIdleAway(db: Database, before: Date): Promise<string[]> {
  const u = tables.users;
  const rows = await db
    .update(u)
    .set({ status: "away", idleAway: true })
    .where(and(eq(u.status, "online"), lt(u.lastActiveAt, before), sql`${u.lastActiveAt} is not null`))
    .returning({ id: u.id });
  return rows.map((r) => r.id);
}
