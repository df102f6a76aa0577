/** `switchboard inbox secret <inboxId> [--rotate]`: read or rotate the secret that signs an inbox's widget identities. */
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/index.ts";
import { AppError } from "../errors.ts";
import { inboxSecret, rotateInboxSecret } from "../modules/inboxes/index.ts";
import type { Flags } from "./args.ts";

const usage = "usage: switchboard inbox secret <inboxId> [--rotate]\n";

/** Prints the inbox's identity secret on stdout (a new one with --rotate); returns the exit code. */
export async function runInboxCommand(args: string[], flags: Flags): Promise<number> {
  const [sub, inboxId] = args;
  if (sub !== "secret" || !inboxId) {
    process.stderr.write(usage);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: config.dataDir });
  try {
    await database.migrate();
    const secret = flags.rotate === true ? await rotateInboxSecret(database, inboxId) : await inboxSecret(database, inboxId);
    process.stdout.write(`${secret}\n`);
    if (flags.rotate === true) {
      process.stderr.write("New secret saved. Identities signed with the old one no longer verify (running servers notice within 30 s).\n");
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    process.stderr.write(`switchboard: ${error.message}\n`);
    return 1;
  } finally {
    await database.close();
  }
}
