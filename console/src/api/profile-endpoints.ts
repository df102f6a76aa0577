/** The REST calls of the user's own profile. */
import type { NotificationPrefs, ProfileDTO } from "../../../src/contracts/profile.ts";
import { request } from "./http.ts";

/** What the profile form sends. */
export type ProfileDraft = { name: string; avatarUrl: string | null; avatarColor: string | null; notificationPrefs: NotificationPrefs };

/** The signed-in user's profile. */
export async function getProfile(): Promise<ProfileDTO> {
  return (await request<{ data: ProfileDTO }>("GET", "/auth/profile")).data;
}

/** Saves the signed-in user's profile. */
export async function saveProfile(draft: ProfileDraft): Promise<ProfileDTO> {
  return (await request<{ data: ProfileDTO }>("PATCH", "/auth/profile", draft)).data;
}

/** Changes some notification preferences only (PATCH with a partial notificationPrefs); answers with the whole profile. */
export async function savePrefs(changes: Partial<NotificationPrefs>): Promise<ProfileDTO> {
  return (await request<{ data: ProfileDTO }>("PATCH", "/auth/profile", { notificationPrefs: changes })).data;
}
