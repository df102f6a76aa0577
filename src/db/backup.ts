/**
 * Backups and restores. The embedded database (PGlite) is backed up as a gzipped tarball of its data dir, taken by the
 * process that holds it (see PGliteThread.dump); a PostgreSQL server with pg_dump's custom format, restored with
 * pg_restore. A restore goes only into an empty data dir or database unless forced.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { open, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "./pglite-extensions.js";
import pg from "pg";
import { lockDataDir } from "./data-dir-lock.ts";

const run = promisify(execFile);

/** What a backup file holds: a PGlite data dir tarball or a pg_dump archive. */
export type BackupKind = "pglite" | "postgres";

/** Thrown for a backup or restore the operator has to fix (missing tool, non-empty target, wrong file); the message says how. */
export class BackupError extends Error {}

/** Writes `file` through a temporary name (`write` fills it), so a failed backup never leaves a truncated file behind. */
export async function writeBackupFile(file: string, write: (partial: string) => Promise<void>): Promise<void> {
  const partial = `${file}.partial`;
  try {
    await write(partial);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** Saves a PGlite snapshot (from PGliteThread.dump) to `file`. */
export function savePGliteBackup(file: string, tarball: Uint8Array): Promise<void> {
  return writeBackupFile(file, (partial) => writeFile(partial, tarball));
}

/** Explains a failed pg_dump/pg_restore/psql run: a missing program gets an install hint, anything else its stderr. */
function toolFailure(tool: string, error: unknown): BackupError {
  const e = error as NodeJS.ErrnoException & { stderr?: string };
  if (e.code === "ENOENT") {
    return new BackupError(`${tool} is not installed; backups of a PostgreSQL server need the PostgreSQL client tools (apt-get install postgresql-client, at least the server's major version)`);
  }
  return new BackupError(`${tool} failed: ${(e.stderr ?? "").trim() || e.message}`);
}

/** Dumps the PostgreSQL database at `url` to `file` with pg_dump (custom format: consistent while the server runs). */
export async function dumpPostgres(url: string, file: string): Promise<void> {
  await writeBackupFile(file, async (partial) => {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${partial}`, `--dbname=${url}`], { maxBuffer: 16 * 1024 * 1024 }).catch((error: unknown) => {
      throw toolFailure("pg_dump", error);
    });
  });
}

/** Reads the first bytes of a backup to tell which kind it is. */
export async function backupKindOf(file: string): Promise<BackupKind> {
  if (!existsSync(file)) throw new BackupError(`no backup file at ${file}`);
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(5), 0, 5, 0);
    const head = buffer.subarray(0, bytesRead);
    if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
    if (head.toString("latin1") === "PGDMP") return "postgres";
  } finally {
    await handle.close();
  }
  throw new BackupError(`${file} is not a Switchboard backup (neither an embedded-database snapshot nor a pg_dump archive)`);
}

/** Tables in a PostgreSQL database outside the system schemas. */
async function userTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("select count(*)::int as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')");
    return rows[0].n;
  } finally {
    await client.end();
  }
}

/** What a restored database holds, for the operator to check against what they expected. */
export type RestoredCounts = { conversations: number; messages: number };

const COUNTS_SQL = "select (select count(*) from conversations)::int as conversations, (select count(*) from messages)::int as messages";

/** Restores a pg_dump archive into the database at `url`, which must be empty unless `force` (then the archive's objects replace existing ones). */
export async function restorePostgres(url: string, file: string, options: { force: boolean }): Promise<RestoredCounts> {
  const tables = await userTables(url);
  if (tables > 0 && !options.force) {
    throw new BackupError(`the database already holds ${tables} tables; restore into an empty database (createdb), or add --force to replace its contents with the backup`);
  }
  const clean = tables > 0 ? ["--clean", "--if-exists"] : [];
  await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", ...clean, `--dbname=${url}`, file], { maxBuffer: 16 * 1024 * 1024 }).catch(
    (error: unknown) => {
      throw toolFailure("pg_restore", error);
    },
  );
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<RestoredCounts>(COUNTS_SQL)).rows[0];
  } finally {
    await client.end();
  }
}

/** Unpacks a PGlite snapshot into DATA_DIR/pgdata, which must be absent or empty unless `force` (then it is deleted first). */
export async function restorePGlite(dataDir: string, file: string, options: { force: boolean }): Promise<RestoredCounts> {
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const pgdata = path.join(dataDir, "pgdata");
    if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
      if (!options.force) throw new BackupError(`${pgdata} already holds a database; restore into an empty DATA_DIR, or add --force to replace it with the backup`);
      rmSync(pgdata, { recursive: true, force: true });
    }
    const tarball = await readFile(file);
    const db = new PGlite(pgdata, { loadDataDir: new Blob([tarball]), extensions: pgliteExtensions });
    try {
      await db.waitReady;
      // Reading it proves the snapshot is whole; a checkpoint writes it out before the files are left alone.
      const counts = (await db.query<RestoredCounts>(COUNTS_SQL)).rows[0];
      await db.exec("checkpoint");
      return counts;
    } finally {
      await db.close();
    }
  } finally {
    release();
  }
}
