/**
 * Measures the import of N customers (default 100,000) into a fresh server: `npx tsx bench/crm-import-measure.ts
 * [--rows 100000] [--db pglite|postgres] [--twice]` (--twice imports the same file again: every row an update).
 * Prints one JSON object. The `crm` benchmark reuses bench/lib/crm-import.ts and bench/lib/crm-import-csv.ts.
 */
import { createTestApp } from "../test/support/create-test-app.ts";
import { createScratchDatabase } from "../test/support/postgres.ts";
import { customerCsv } from "./lib/crm-import-csv.ts";
import { timeImport } from "./lib/crm-import.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const rows = Number(option("rows", "100000"));
const db = option("db", "pglite");
const scratch = db === "postgres" ? await createScratchDatabase() : undefined;
const app = await createTestApp({ database: scratch ? { url: scratch.url } : { memory: true } });
try {
  const cookie = await app.login();
  const csv = customerCsv(rows);
  const first = await timeImport(app.url, { cookie }, csv);
  const runs = [first];
  if (args.includes("--twice")) runs.push(await timeImport(app.url, { cookie }, csv));
  console.log(
    JSON.stringify({
      db,
      rows,
      bytes: Buffer.byteLength(csv),
      runs: runs.map((r) => ({ importSeconds: Number(r.seconds.toFixed(2)), uploadSeconds: Number(r.uploadSeconds.toFixed(2)), status: r.result.status, created: r.result.created, updated: r.result.updated, failed: r.result.failed, message: r.result.message })),
    }),
  );
} finally {
  await app.close();
  await scratch?.drop();
}
