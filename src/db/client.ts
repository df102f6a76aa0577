/** Opens the database: PGlite (PostgreSQL in WebAssembly) in DATA_DIR by default, or a PostgreSQL server when DATABASE_URL is set. */
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { dumpPostgres, savePGliteBackup } from "./backup.ts";
import { lockDataDir } from "./data-dir-lock.ts";
import { preparePGliteDir, startPGliteThread, type PGliteThread } from "./pglite-thread.ts";
import * as schema from "./schema/index.ts";
import { childLogger } from "../logger.ts";
import { repoPath } from "../paths.ts";

/** The Drizzle database, the same type whichever engine is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database with its engine, a health probe, migrations and a way to close it. */
export type DatabaseHandle = {
  db: Database;
  kind: "pglite" | "postgres";
  ping(): Promise<void>;
  migrate(): Promise<void>;
  /** Compiles the embedded database's hot code while it is idle (see PGliteThread.warmUp); nothing to do for a server. */
  warmUp(): Promise<void>;
  /**
   * What a server's autovacuum does, for PGlite, which has none: reclaims the dead row versions of the tables the
   * message path rewrites (each exchange updates its conversation's row several times, and every lookup would wade
   * through more of them as the hours go by), and empties the GIN indexes' pending lists (see GIN_FLUSH_SQL).
   */
  housekeep(): Promise<void>;
  /** Writes a consistent snapshot to `file`: PGlite's data dir as a gzipped tarball, or pg_dump's custom format for a server. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
};

/** Rounds of the embedded database's warm-up after the server starts: about 1.2 s of otherwise idle database time. */
const WARM_UP_ROUNDS = 1000;

const migrationsFolder = repoPath("src/db/migrations");

/** Tables whose rows the message path rewrites (see DatabaseHandle.housekeep): the reports' rollups change with every customer message. */
const HOT_TABLES = ["conversations", "report_sentiment_hourly", "report_conversations", "report_pending"];

/**
 * Moves the rows waiting in every GIN index's pending list into the index proper. A GIN index takes new rows into an
 * unordered list that only VACUUM or autoanalyze empties (or its growing past 4 MB); PGlite runs neither, so every
 * search read that list from end to end: 19.5 ms of a 20 ms company-name lookup over 2,000 companies, 0.1 ms after.
 */
const GIN_FLUSH_SQL = `select gin_clean_pending_list(i.indexrelid) from pg_index i
  join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam where a.amname = 'gin'`;

/**
 * Where the database lives: a PostgreSQL URL, a PGlite directory (with its shared_buffers, default 32MB), or "memory" for
 * a throw-away PGlite (tests), optionally started from a PGlite backup file (`from`) instead of an empty cluster.
 */
export type DatabaseTarget = { url: string } | { pgliteDir: string; sharedBuffers?: string } | { memory: true; from?: string };

/**
 * pg_trgm declares the functions behind its similarity operators (`%`, `%>`) with a cost of 1, as cheap as an
 * equality, so the planner prefers checking every customer to using the trigram index, and one typo-tolerant email
 * search scanned 100,000 rows (351 ms) instead of reading the index (9–12 ms; bench/results/20261207T0757Z-crm/).
 * Raising their cost fixes the plans. Only the functions' owner (a superuser; always so on PGlite) may; elsewhere the
 * notice says so and search stays right, only slower. Run at every start rather than in a migration, because
 * `pg_dump` does not keep changes to an extension's own functions.
 */
const TRIGRAM_COSTS_SQL = `do $$ begin
  alter function similarity_op(text, text) cost 100;
  alter function word_similarity_op(text, text) cost 100;
  alter function word_similarity_commutator_op(text, text) cost 100;
exception when insufficient_privilege then
  raise notice 'switchboard: pg_trgm operator costs left at 1 (only a superuser may change them); customer search will be slower';
end $$`;

/** Opens the database described by the target. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ("url" in target) {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
    // An idle connection the server ends (a restart, a failover, an administrator's terminate) emits "error" on the
    // pool; unheard, that would end the process. The pool replaces the connection on the next query.
    pool.on("error", (error) => childLogger("db").warn({ err: error }, "an idle PostgreSQL connection was closed by the server"));
    const db = drizzlePg(pool, { schema }) as unknown as Database;
    return {
      db,
      kind: "postgres",
      ping: async () => {
        await pool.query("select 1");
      },
      migrate: async () => {
        // Several nodes may start at once: one migrates while the others wait on the lock.
        const client = await pool.connect();
        try {
          await client.query("select pg_advisory_lock(7245001)");
          await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
          await client.query(TRIGRAM_COSTS_SQL);
        } finally {
          await client.query("select pg_advisory_unlock(7245001)").catch(() => undefined);
          client.release();
        }
      },
      warmUp: async () => undefined,
      housekeep: async () => undefined,
      backup: (file) => dumpPostgres(target.url, file),
      close: () => pool.end(),
    };
  }
  // Two processes on one PGlite data dir would corrupt it: claim it first (see data-dir-lock.ts).
  const release = "memory" in target ? () => undefined : lockDataDir(target.pgliteDir);
  const dataDir = "memory" in target ? undefined : path.join(target.pgliteDir, "pgdata");
  let prepared: "created" | "analyzed" | undefined;
  let client: PGliteThread;
  try {
    // Creating or analyzing the directory happens in a short-lived process (this one's helper, while it holds the
    // lock): the memory it takes is then given back.
    prepared = dataDir ? await preparePGliteDir(dataDir) : undefined;
    // PGlite runs in its own thread: its statements execute synchronously and would otherwise stall the event loop.
    client = await startPGliteThread(dataDir, { sharedBuffers: "pgliteDir" in target ? target.sharedBuffers : undefined, loadFrom: "memory" in target ? target.from : undefined });
  } catch (error) {
    release();
    throw error;
  }
  // Drizzle's PGlite session only calls query, exec and transaction, which the thread provides.
  const db = drizzlePglite({ client: client as unknown as PGlite, schema }) as unknown as Database;
  return {
    db,
    kind: "pglite",
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    migrate: async () => {
      await migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder });
      await client.exec(TRIGRAM_COSTS_SQL);
      // PGlite has no autovacuum daemon, so without this its tables never get planner statistics. An existing directory
      // was analyzed before it opened (tables a migration just added get theirs at the next start); a new one is tiny.
      // So was a snapshot an in-memory database starts from (see DatabaseTarget).
      if (prepared !== "analyzed" && !("from" in target && target.from)) await client.exec("analyze");
    },
    warmUp: () => client.warmUp(WARM_UP_ROUNDS),
    housekeep: async () => {
      await client.exec(`vacuum ${HOT_TABLES.join(", ")}`);
      await client.exec(GIN_FLUSH_SQL);
    },
    backup: async (file) => savePGliteBackup(file, await client.dump()),
    close: async () => {
      await client.close();
      release();
    },
  };
}
