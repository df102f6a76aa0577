/**
 * Builds the console for the browser tests once per change of its sources: several test files need a fresh
 * console/dist, and two Vite builds into the same folder at once would delete each other's files. A lock directory
 * serialises the builds across test processes; a hash of the sources beside the build lets later callers skip it.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dist = path.join(root, "console/dist");
const stamp = path.join(dist, ".sources-hash");
const lock = path.join(root, "console/.build-lock");
const LOCK_STALE_MS = 180_000;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? files(path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** A hash of everything the console bundle is built from (its sources, config, and the shared contracts). */
function sourcesHash(): string {
  const hash = createHash("sha256");
  for (const file of [...files(path.join(root, "console/src")), ...files(path.join(root, "src/contracts")), path.join(root, "console/index.html"), path.join(root, "console/vite.config.ts")]) {
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest("hex");
}

function upToDate(hash: string): boolean {
  return existsSync(path.join(dist, "index.html")) && existsSync(stamp) && readFileSync(stamp, "utf8") === hash;
}

async function acquire(): Promise<void> {
  for (;;) {
    try {
      mkdirSync(lock);
      return;
    } catch {
      // A build that crashed leaves its lock behind; after a while it is taken over.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/** Makes console/dist match the current sources, building at most once whatever the number of callers. */
export async function buildConsole(): Promise<void> {
  const hash = sourcesHash();
  if (upToDate(hash)) return;
  await acquire();
  try {
    if (upToDate(hash)) return;
    await build({ configFile: path.join(root, "console/vite.config.ts"), logLevel: "silent" });
    writeFileSync(stamp, hash);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
