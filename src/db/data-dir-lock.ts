/**
 * One process at a time on a PGlite data dir. PGlite is PostgreSQL in one process, without a postmaster to arbitrate: a
 * second process opening the same files (a second server, or `switchboard backup` beside a running one) would read
 * half-written pages or corrupt them. The holder writes its pid to DATA_DIR/pglite.pid; a pid that is no longer a live
 * Node process (after a crash or `kill -9`) does not count.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The file naming the process that holds a PGlite data dir. */
export const LOCK_FILE = "pglite.pid";

/** Thrown when another live process holds the data dir. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `the database in ${dataDir} is in use by process ${pid} (a running Switchboard server?). The embedded database ` +
        `allows one process at a time: stop that process first, or take a backup from the running server with ` +
        `POST /api/v1/admin/backup. If no such process runs, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
  }
}

function isLiveNodeProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else, which still holds the files.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A recycled pid of some other program is not a holder; /proc tells us where it exists.
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || /node|switchboard/.test(readFileSync(cmdline, "utf8"));
}

/** The pid of another live process holding the data dir, if any. */
export function dataDirHolder(dataDir: string): number | undefined {
  const file = path.join(dataDir, LOCK_FILE);
  if (!existsSync(file)) return undefined;
  const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  return isLiveNodeProcess(pid) ? pid : undefined;
}

/** Claims the data dir for this process or throws DataDirBusyError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const holder = dataDirHolder(dataDir);
  if (holder !== undefined) throw new DataDirBusyError(dataDir, holder);
  const file = path.join(dataDir, LOCK_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => {
    // Only our own claim is removed: a process that waited for us may have claimed the dir since.
    if (existsSync(file) && readFileSync(file, "utf8").trim() === String(process.pid)) rmSync(file, { force: true });
  };
}
