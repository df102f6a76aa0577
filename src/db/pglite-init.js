// @ts-check
/**
 * `node pglite-init.js DIR`: creates a PGlite data directory (initdb) and exits. It runs as a process of its own because
 * initdb leaves two more PostgreSQL instances' WebAssembly memory and their compilers' allocations behind: in the
 * server's process that stayed resident (over 500 MB on a first start); a process that ends gives all of it back.
 * Plain JavaScript on purpose, like pglite-worker.js: it runs under node alone, from the sources or beside the bundle.
 */
import { PGlite } from "@electric-sql/pglite";

const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: node pglite-init.js DATA_DIR\n");
  process.exit(2);
}
const db = new PGlite(dir);
await db.waitReady;
await db.close();
