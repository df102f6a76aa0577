/**
 * Files customers send (email attachments) on local disk, named by the SHA-256 of their content: a sender's file name
 * never becomes a path, and the same file sent twice is stored once.
 */
import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/** Where attachments live and how they are written and found. */
export type AttachmentFiles = {
  /** Stores the bytes (once per content) and returns their SHA-256 in hex, the file's name. */
  save(bytes: Buffer): Promise<string>;
  /** The path of a stored file by its SHA-256; undefined for anything that is not one. */
  pathOf(sha256: string): string | undefined;
  /** Deletes a stored file (nothing when there is none). */
  remove(sha256: string): Promise<void>;
};

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** The attachment store under `dir` (DATA_DIR/attachments), one sub-folder per first byte of the hash. */
export function createAttachmentFiles(dir: string): AttachmentFiles {
  const pathOf = (sha256: string): string | undefined => (SHA256_HEX.test(sha256) ? path.join(dir, sha256.slice(0, 2), sha256) : undefined);
  return {
    async save(bytes) {
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const target = pathOf(sha256)!;
      const exists = await stat(target).then(
        (s) => s.size === bytes.length,
        () => false,
      );
      if (exists) return sha256;
      await mkdir(path.dirname(target), { recursive: true });
      // Written aside and renamed, so a crash never leaves a half file under the content's name.
      const temporary = `${target}.${randomUUID()}.tmp`;
      await writeFile(temporary, bytes, { mode: 0o600 });
      await rename(temporary, target);
      return sha256;
    },
    pathOf,
    async remove(sha256) {
      const target = pathOf(sha256);
      if (target) await rm(target, { force: true });
    },
  };
}
