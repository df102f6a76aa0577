/**
 * `--cache DIR`: a benchmark's seeded database kept for later runs (seeding a million rows takes many minutes). PGlite
 * keeps a copy of its data dir, PostgreSQL a template database. A kept seed serves a later run of the same sizes while
 * its migrations are the first of today's, unchanged: the server applies the newer ones when it starts on the copy.
 */
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { benchDatabase, dropDatabase, keepCopy, type BenchDatabase } from "./database.ts";
import { ROOT, progress } from "./processes.ts";

type Entry<S> = { key: string; migrations: string[]; seeded: S; template?: string };

/** Each migration's name and digest, in order. */
function migrationDigests(): string[] {
  const dir = path.join(ROOT, "src/db/migrations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((file) => `${file}:${createHash("sha256").update(readFileSync(path.join(dir, file))).digest("hex").slice(0, 16)}`);
}

/** Whether a seed made under `cached` migrations still serves: they must be the first of today's, unchanged. */
function migrationsFit(cached: string[] | undefined, current: string[]): boolean {
  return Array.isArray(cached) && cached.length <= current.length && cached.every((m, i) => m === current[i]);
}

/** A short digest of a file (a seeding worker's source, so that a changed seed is not served from the cache). */
export function fileDigest(relativePath: string): string {
  return createHash("sha256").update(readFileSync(path.join(ROOT, relativePath))).digest("hex").slice(0, 16);
}

/**
 * The seeded database: copied from `cacheDir` when it holds a seed named `name` with the same `key` (sizes, the seed's
 * digest) that `usable` accepts, else seeded now by `seed` and kept there. `files` are kept and restored beside it
 * (file name in the cache → path this run uses). No `cacheDir`: always seeded now.
 */
export async function cachedSeed<S>(options: {
  name: string;
  kind: string;
  cacheDir: string;
  dataDir: string;
  key: unknown;
  files?: Record<string, string>;
  usable?: (seeded: S) => boolean;
  seed: (database: BenchDatabase) => Promise<S>;
}): Promise<{ database: BenchDatabase; seeded: S; fromCache: boolean }> {
  const { name, kind, cacheDir, dataDir } = options;
  const key = JSON.stringify(options.key);
  const entryPath = cacheDir ? path.join(cacheDir, `${name}-${kind}.json`) : "";
  const pgliteCopy = path.join(cacheDir, `${name}-pglite-data`);
  const entry = entryPath && existsSync(entryPath) ? (JSON.parse(readFileSync(entryPath, "utf8")) as Entry<S>) : undefined;
  const migrations = migrationDigests();
  if (entry && entry.key === key && migrationsFit(entry.migrations, migrations) && (options.usable?.(entry.seeded) ?? true)) {
    const database = benchDatabase(kind, entry.template);
    if (kind === "pglite") cpSync(pgliteCopy, dataDir, { recursive: true });
    for (const [file, to] of Object.entries(options.files ?? {})) cpSync(path.join(cacheDir, `${name}-${kind}-${file}`), to);
    progress(`seeded database copied from the cache ${cacheDir}`);
    return { database, seeded: entry.seeded, fromCache: true };
  }
  const database = benchDatabase(kind);
  const seeded = await options.seed(database);
  if (cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    // A template database of an earlier seed is of no further use.
    if (entry?.template) dropDatabase(entry.template);
    let template: string | undefined;
    if (kind === "pglite") {
      rmSync(pgliteCopy, { recursive: true, force: true });
      cpSync(dataDir, pgliteCopy, { recursive: true });
    } else {
      template = keepCopy(database, `switchboard_benchcache_${name}`);
    }
    for (const [file, from] of Object.entries(options.files ?? {})) cpSync(from, path.join(cacheDir, `${name}-${kind}-${file}`));
    writeFileSync(entryPath, JSON.stringify({ key, migrations, seeded, template } satisfies Entry<S>));
    progress(`seeded database kept in ${cacheDir}${template ? ` (template database ${template})` : ""}`);
  }
  return { database, seeded, fromCache: false };
}
