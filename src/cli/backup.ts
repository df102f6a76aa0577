/** `switchboard backup --to FILE` and `switchboard restore --from FILE [--force]`. */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { loadConfig, type Config } from "../config.ts";
import { BackupError, backupKindOf, restorePGlite, restorePostgres, type RestoredCounts } from "../db/backup.ts";
import { openDatabase, type DatabaseTarget } from "../db/index.ts";
import { requireFlag, type Flags } from "./args.ts";

const out = (line: string): boolean => process.stdout.write(line + "\n");

const targetOf = (config: Config): DatabaseTarget => (config.databaseUrl ? { url: config.databaseUrl } : { pgliteDir: config.dataDir });

// Names the database without the password a DATABASE_URL may carry.
function describe(config: Config): string {
  if (!config.databaseUrl) return `the embedded database in ${config.dataDir}`;
  const url = new URL(config.databaseUrl);
  return `the PostgreSQL database ${url.pathname.slice(1)} on ${url.host}`;
}

async function backup(config: Config, flags: Flags): Promise<number> {
  const file = path.resolve(requireFlag(flags, "to"));
  if (existsSync(file) && flags.force !== true) throw new BackupError(`${file} already exists; choose another file, or add --force to overwrite it`);
  const pgdata = path.join(config.dataDir, "pgdata");
  if (!config.databaseUrl && !(existsSync(pgdata) && readdirSync(pgdata).length > 0)) throw new BackupError(`there is no database in ${config.dataDir} to back up`);
  // Opening the embedded database claims its data dir, so this refuses while a server holds it.
  const database = await openDatabase(targetOf(config));
  try {
    await database.backup(file);
  } finally {
    await database.close();
  }
  out(`Backed up ${describe(config)} to ${file} (${statSync(file).size} bytes).`);
  return 0;
}

async function restore(config: Config, flags: Flags): Promise<number> {
  const file = path.resolve(requireFlag(flags, "from"));
  const force = flags.force === true;
  const kind = await backupKindOf(file);
  let counts: RestoredCounts;
  if (config.databaseUrl) {
    if (kind !== "postgres") throw new BackupError(`${file} is a snapshot of the embedded database: restore it with DATABASE_URL unset, into DATA_DIR`);
    counts = await restorePostgres(config.databaseUrl, file, { force });
  } else {
    if (kind !== "pglite") throw new BackupError(`${file} is a pg_dump archive of a PostgreSQL server: restore it with DATABASE_URL set to an empty database`);
    counts = await restorePGlite(config.dataDir, file, { force });
  }
  out(`Restored ${file} into ${describe(config)}: ${counts.conversations} conversations, ${counts.messages} messages.`);
  return 0;
}

/** Runs backup or restore; returns the exit code. */
export async function runBackupCommand(command: "backup" | "restore", flags: Flags): Promise<number> {
  const config = loadConfig();
  return command === "backup" ? backup(config, flags) : restore(config, flags);
}
