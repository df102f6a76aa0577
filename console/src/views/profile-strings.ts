/** User-facing text of the profile card, English. */
export const PROFILE_TEXT = {
  title: "Your profile",
  name: "Name",
  avatarUrl: "Avatar image URL (leave empty for initials)",
  avatarAlt: "Your avatar",
  initialsColor: "Initials colour",
  notifications: "Notify me about",
  assigned: "Conversations assigned to me",
  mentions: "@mentions in private notes",
  sound: "Play a sound",
  save: "Save profile",
  saving: "Saving…",
  saved: "Saved.",
  loading: "Loading…",
  retry: "Try again",
} as const;
