// @ts-check
/**
 * `node pglite-prepare.js DIR`: makes a PGlite data directory ready for the server's database thread, then exits —
 * it creates the directory (initdb) when it is missing, and otherwise runs ANALYZE (PGlite has no autovacuum daemon,
 * so without it the tables never get planner statistics). Both run here, in a process of their own, because the
 * WebAssembly memory they use is never given back while the process lives: initdb starts two more PostgreSQL
 * instances (over 500 MB stayed resident in the server after a first start), and ANALYZE of 100,000 messages grows
 * PostgreSQL's heap by about 75 MB. It prints "created" or "analyzed" on stdout.
 * Plain JavaScript on purpose, like pglite-worker.js: it runs under node alone, from the sources or beside the bundle.
 */
import { existsSync } from "node:fs";
import process from "node:process";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pgliteExtensions } from "./pglite-extensions.js";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: node pglite-prepare.js DATA_DIR\n");
  process.exit(2);
}
const exists = existsSync(path.join(dir, "PG_VERSION"));
const db = new PGlite(dir, { extensions: pgliteExtensions });
await db.waitReady;
if (exists) await db.exec("analyze");
await db.close();
process.stdout.write(exists ? "analyzed\n" : "created\n");
