/**
 * One migrated embedded database for the whole test run. Starting PGlite in memory runs initdb, then every migration;
 * each test file did both. vitest's global setup makes the migrated database once (a PGlite snapshot file, kept in the
 * temporary directory under a digest of the migrations, so later runs reuse it) and each file's in-memory database
 * starts from it. Migrations still run on open (there are none left to apply); the migration tests open empty ones.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { inject } from "vitest";
import { openDatabase, type DatabaseTarget } from "../../src/db/index.ts";
import { repoPath } from "../../src/paths.ts";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/** A digest of everything that shapes a fresh database: the migrations, the extensions and PGlite's version. */
function schemaDigest(): string {
  const hash = createHash("sha256");
  const migrations = repoPath("src/db/migrations");
  for (const name of readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort()) hash.update(name).update(readFileSync(path.join(migrations, name)));
  hash.update(readFileSync(repoPath("src/db/pglite-extensions.js")));
  hash.update(readFileSync(repoPath("node_modules/@electric-sql/pglite/package.json")));
  return hash.digest("hex").slice(0, 16);
}

/** vitest globalSetup: makes (or finds) the migrated snapshot and tells the test files where it is. */
export default async function setup(project: TestProject): Promise<void> {
  const file = path.join(tmpdir(), `switchboard-test-db-${schemaDigest()}.tgz`);
  if (!existsSync(file)) {
    const handle = await openDatabase({ memory: true });
    try {
      await handle.migrate();
      // Written under another name first: a run stopped half-way leaves no broken snapshot behind.
      await handle.backup(`${file}.${process.pid}`);
      renameSync(`${file}.${process.pid}`, file);
    } finally {
      await handle.close();
    }
  }
  project.provide("pgliteTemplate", file);
}

/** A fresh in-memory database for one test file, started from the run's migrated snapshot (an empty one outside vitest). */
export function freshMemoryDatabase(): DatabaseTarget {
  return process.env.VITEST ? { memory: true, from: inject("pgliteTemplate") } : { memory: true };
}
