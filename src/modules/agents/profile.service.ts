/** The signed-in user's own profile: name, avatar, notification preferences. */
import type { NotificationPrefs, ProfileDTO } from "../../contracts/profile.ts";
import { eq } from "drizzle-orm";
import { tables } from "../../db/index.ts";
import { AppError } from "../../errors.ts";
import type { ServiceDeps } from "../deps.ts";
import { findUser, type UserRow } from "./agents.repo.ts";
import { forgetUser } from "./sessions.service.ts";

/** What a user may change about themselves (a password goes through POST /auth/password, with the current one). */
export type ProfilePatch = { name?: string; avatarUrl?: string | null; avatarColor?: string | null; notificationPrefs?: Partial<NotificationPrefs> };

/** Presents a user's profile. */
export function presentProfile(row: UserRow): ProfileDTO {
  return { id: row.id, email: row.email, name: row.name, role: row.role, avatarUrl: row.avatarUrl, avatarColor: row.avatarColor, notificationPrefs: row.notificationPrefs };
}

/** The user's profile. */
export async function getProfile(deps: Pick<ServiceDeps, "db">, userId: string): Promise<UserRow> {
  const row = await findUser(deps.db, userId);
  if (!row) throw new AppError("USER_NOT_FOUND");
  return row;
}

/** Changes the user's own name, avatar or notification preferences (preferences given are merged into the stored ones). */
export async function changeProfile(deps: Pick<ServiceDeps, "db">, userId: string, patch: ProfilePatch): Promise<UserRow> {
  const before = await getProfile(deps, userId);
  const notificationPrefs = patch.notificationPrefs ? { ...before.notificationPrefs, ...patch.notificationPrefs } : undefined;
  const [row] = await deps.db
    .update(tables.users)
    .set({ name: patch.name, avatarUrl: patch.avatarUrl, avatarColor: patch.avatarColor, notificationPrefs })
    .where(eq(tables.users.id, userId))
    .returning();
  if (!row) throw new AppError("USER_NOT_FOUND");
  // The session cache holds the user row: the next request reads the new name.
  forgetUser(deps.db, userId);
  return row;
}
