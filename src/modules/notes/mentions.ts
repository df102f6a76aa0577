/** Finds the colleagues a note @mentions: "@sam" names the user whose email starts "sam@" or whose first name is Sam. */

/** A user who may be mentioned. */
export type Mentionable = { id: string; name: string; email: string };

// "@" at the start or after a space or opening bracket, so an email address in the note ("ask bob@shop.com") mentions nobody.
const MENTION = /(?:^|[\s(])@([\p{L}\p{N}._-]{1,64})/gu;

/**
 * The users a text mentions, in order of first mention, each once. A handle matches a user's email local part or,
 * when only one user has it, their first name (case-insensitive); trailing punctuation ("@sam,") is ignored.
 */
export function findMentions(text: string, users: readonly Mentionable[]): Mentionable[] {
  const found = new Map<string, Mentionable>();
  for (const match of text.matchAll(MENTION)) {
    const handle = match[1].replace(/[._-]+$/, "").toLowerCase();
    if (!handle) continue;
    const byEmail = users.filter((u) => u.email.split("@")[0].toLowerCase() === handle);
    const byFirstName = users.filter((u) => u.name.trim().split(/\s+/)[0].toLowerCase() === handle);
    const user = byEmail.length === 1 ? byEmail[0] : byFirstName.length === 1 ? byFirstName[0] : undefined;
    if (user && !found.has(user.id)) found.set(user.id, user);
  }
  return [...found.values()];
}
