/** Fills a fresh DATA_DIR (PGlite) with the demo data, the first admin and bulk conversations/messages, in a child process, before the server starts. */
import { ADMIN_EMAIL, ADMIN_PASSWORD, nextMessage, progress, spawnTs, stopChild } from "./processes.ts";

/** Result of seeding. */
export type SeedResult = { messages: number; conversations: number; totalMs: number; conversationIds?: string[] };

/** Seeds `messages` messages over `conversations` conversations (or one conversation per given visitor id). */
export async function seedDataDir(options: {
  dataDir: string;
  messages: number;
  conversations?: number;
  visitorIds?: string[];
  status?: "bot" | "handoff" | "mixed";
  databaseUrl?: string;
  analyze?: boolean;
}): Promise<SeedResult> {
  const { child, output } = spawnTs("bench/workers/seed.ts");
  await nextMessage(child, "ready", 60_000, output);
  const done = nextMessage<SeedResult & { type: string }>(child, "seeded", 600_000, output);
  child.send({ type: "seed", adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, ...options });
  const result = await done;
  await stopChild(child, 5000);
  progress(`seeded ${result.messages} messages in ${result.conversations} conversations in ${Math.round(result.totalMs)} ms`);
  return result;
}
