/** The signed-in user's own profile (GET/PATCH /api/v1/auth/profile), shared by server and console. */

/** Which notifications the user wants, stored on the server so every browser they sign in from follows them. */
export type NotificationPrefs = {
  /** A conversation assigned to me. */
  assigned: boolean;
  /** A colleague @mentions me in a private note. */
  mentions: boolean;
  /** Play a sound with those notifications. */
  sound: boolean;
};

/** What notification preferences are before the user changes them. */
export const DEFAULT_NOTIFICATION_PREFS: NotificationPrefs = { assigned: true, mentions: true, sound: false };

/** The user's profile: name, avatar (an image URL, else initials on a colour), notification preferences. */
export type ProfileDTO = {
  id: string;
  email: string;
  name: string;
  role: "agent" | "manager" | "admin";
  avatarUrl: string | null;
  /** Background of the initials when there is no avatar image ("#rrggbb"); null: the console picks one from the id. */
  avatarColor: string | null;
  notificationPrefs: NotificationPrefs;
};

/** The initials shown for a name: the first letters of its first and last words ("Sam Support" → "SS"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return "?";
  const first = words[0][0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1][0] ?? "") : "";
  return (first + last).toUpperCase();
}
