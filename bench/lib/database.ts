/** `--db postgres`: a throw-away database on the local PostgreSQL server (127.0.0.1:5432, user postgres) instead of PGlite, to compare engines; dropped afterwards. */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function psql(statement: string, timeoutMs = 30_000): void {
  const run = spawnSync("psql", [ADMIN_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", statement], { encoding: "utf8", timeout: timeoutMs });
  if (run.status !== 0) throw new Error(`psql failed (${statement}): ${run.stderr || run.stdout}`);
}

/** Which engine a benchmark's server uses: PGlite in DATA_DIR (the default), or a fresh database on the local PostgreSQL server. */
export type BenchDatabase = { kind: "pglite" | "postgres"; url?: string; drop(): void };

/** Creates the database the --db option asks for; on PostgreSQL, as a copy of the `template` database when given. */
export function benchDatabase(kind: string, template?: string): BenchDatabase {
  if (kind === "pglite") return { kind: "pglite", drop: () => undefined };
  if (kind !== "postgres") throw new Error(`--db must be pglite or postgres, got "${kind}"`);
  const name = `switchboard_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  // Copying a template of gigabytes takes minutes on a busy machine.
  psql(template ? `create database ${name} template ${template}` : `create database ${name}`, template ? 900_000 : 30_000);
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

/** Copies a PostgreSQL bench database into a new one that stays (a seeding cache for later runs); returns its name. */
export function keepCopy(database: BenchDatabase, prefix: string): string {
  if (!database.url) throw new Error("only a PostgreSQL bench database can be kept as a template");
  const source = new URL(database.url).pathname.slice(1);
  const name = `${prefix}_${Date.now().toString(36)}`;
  psql(`create database ${name} template ${source}`, 900_000);
  return name;
}

/** Drops a database kept by keepCopy (best effort). */
export function dropDatabase(name: string): void {
  try {
    psql(`drop database if exists ${name} with (force)`);
  } catch {
    // best effort
  }
}
