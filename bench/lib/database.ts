/** `--db postgres`: a throw-away database on the local PostgreSQL server (127.0.0.1:5432, user postgres) instead of PGlite, to compare engines; dropped afterwards. */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function psql(statement: string): void {
  const run = spawnSync("psql", [ADMIN_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], { encoding: "utf8", timeout: 30_000 });
  if (run.status !== 0) throw new Error(`psql failed (${statement}): ${run.stderr || run.stdout}`);
}

/** Which engine a benchmark's server uses: PGlite in DATA_DIR (the default), or a fresh database on the local PostgreSQL server. */
export type BenchDatabase = { kind: "pglite" | "postgres"; url?: string; drop(): void };

/** Creates the database the --db option asks for. */
export function benchDatabase(kind: string): BenchDatabase {
  if (kind === "pglite") return { kind: "pglite", drop: () => undefined };
  if (kind !== "postgres") throw new Error(`--db must be pglite or postgres, got "${kind}"`);
  const name = `switchboard_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  psql(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = (): void => {
    if (dropped) return;
    dropped = true;
    try {
      psql(`drop database if exists ${name} with (force)`);
    } catch {
      // best effort
    }
  };
  process.once("exit", drop);
  return { kind: "postgres", url: url.toString(), drop };
}
