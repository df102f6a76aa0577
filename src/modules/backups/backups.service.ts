/** Backups taken by the running server: the only way to snapshot an embedded (PGlite) database without stopping it. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BackupError } from "../../db/backup.ts";
import type { DatabaseHandle } from "../../db/index.ts";
import { AppError } from "../../errors.ts";

/** A backup written to a temporary file, to be sent and then discarded. */
export type TakenBackup = { file: string; fileName: string; contentType: string; discard(): Promise<void> };

/** Writes a consistent snapshot of the server's database to a temporary file (see DatabaseHandle.backup). */
export async function takeBackup(database: Pick<DatabaseHandle, "kind" | "backup">, now: Date): Promise<TakenBackup> {
  const dir = await mkdtemp(path.join(tmpdir(), "switchboard-backup-"));
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const fileName = database.kind === "pglite" ? `switchboard-${stamp}.tar.gz` : `switchboard-${stamp}.dump`;
  const file = path.join(dir, fileName);
  const discard = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    await database.backup(file);
  } catch (error) {
    await discard();
    if (error instanceof BackupError) throw new AppError("UNAVAILABLE", `The backup failed: ${error.message}`);
    throw error;
  }
  return { file, fileName, contentType: database.kind === "pglite" ? "application/gzip" : "application/octet-stream", discard };
}
