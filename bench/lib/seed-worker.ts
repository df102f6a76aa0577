/** Seeding in a child process (bench/workers/*-seed.ts): the parent's side, and the worker's command loop and statement runner. */
import path from "node:path";
import type { SQL } from "drizzle-orm";
import type { Database } from "../../src/db/index.ts";
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_PASSWORD, nextMessage, progress, spawnTs, stopChild } from "./processes.ts";

/** Runs the worker `file` with the bench's admin and agent credentials and `options`, relaying its progress lines; its "seeded" message. */
export async function seedInWorker<T>(file: string, options: Record<string, unknown>): Promise<T> {
  const { child, output } = spawnTs(file);
  child.on("message", (m: { type?: string; line?: string }) => {
    if (m?.type === "progress" && m.line) progress(`seeding: ${m.line}`);
  });
  await nextMessage(child, "ready", 60_000, output);
  const done = nextMessage<T & { type: string }>(child, "seeded", 3_600_000, output);
  child.send({ type: "seed", adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD, ...options });
  const result = await done;
  await stopChild(child, 5000);
  return result;
}

/** The worker's side: answers the parent's "seed" command with `seed`'s result ("seeded") or its error, then exits; says "ready" first. */
export function serveSeedCommand<C extends { type: string; dataDir: string }>(seed: (command: C, log: (line: string) => void) => Promise<Record<string, unknown>>): void {
  process.on("message", (raw: unknown) => {
    const command = raw as C;
    if (command.type !== "seed") return;
    const log = (line: string): void => void process.send?.({ type: "progress", line });
    seed({ ...command, dataDir: path.resolve(command.dataDir) }, log).then(
      (result) => process.send?.({ type: "seeded", ...result }, () => process.exit(0)),
      (error: unknown) => process.send?.({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () => process.exit(1)),
    );
  });
  process.send?.({ type: "ready" });
}

/** Runs a seeding statement; a failure names the database's message and the statement's start. */
export async function execSeed(db: Database, statement: SQL): Promise<void> {
  try {
    await db.execute(statement);
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new Error(`${cause}\n${error instanceof Error ? error.message.slice(0, 300) : ""}`, { cause: error });
  }
}
