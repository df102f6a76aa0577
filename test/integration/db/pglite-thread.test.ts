import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparePGliteDir, startPGliteThread, type PGliteThread } from "../../../src/db/pglite-thread.ts";

let db: PGliteThread;
beforeAll(async () => {
  db = await startPGliteThread();
  await db.exec("create table items (id int primary key, name text not null, tags jsonb not null default '[]', at timestamptz not null default now())");
});
afterAll(async () => {
  await db?.close();
});

describe("PGlite in its own thread", () => {
  it("answers queries with rows as objects or arrays, JSON parsed and timestamps left as text", async () => {
    await db.query("insert into items (id, name, tags) values ($1, $2, $3)", [1, "first", JSON.stringify(["a", "b"])]);
    const objects = await db.query("select id, name, tags, at from items where id = $1", [1]);
    expect(objects.rows).toEqual([{ id: 1, name: "first", tags: ["a", "b"], at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d/) }]);
    const arrays = await db.query("select id, name from items where id = $1", [1], { rowMode: "array" });
    expect(arrays.rows).toEqual([[1, "first"]]);
  });

  it("passes PostgreSQL's error code and constraint through, and keeps serving", async () => {
    const duplicate = await db.query("insert into items (id, name) values (1, 'again')").catch((error: unknown) => error);
    expect(duplicate).toMatchObject({ code: "23505", constraint: "items_pkey", message: expect.stringContaining("duplicate key") });
    expect((await db.query("select count(*)::int as n from items")).rows).toEqual([{ n: 1 }]);
  });

  it("commits a transaction, and rolls it back when its callback throws", async () => {
    await db.transaction(async (tx) => {
      await tx.query("insert into items (id, name) values (2, 'kept')");
    });
    const failure = await db
      .transaction(async (tx) => {
        await tx.query("insert into items (id, name) values (3, 'dropped')");
        throw new Error("changed my mind");
      })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: "changed my mind" });
    expect((await db.query("select id from items order by id")).rows).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it("runs a query sent during a transaction after it, never inside it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query("insert into items (id, name) values (4, 'in flight')");
      await held;
      await tx.query("update items set name = 'landed' where id = 4");
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const outside = db.query("select name from items where id = 4");
    release();
    await transaction;
    expect((await outside).rows).toEqual([{ name: "landed" }]);
  });

  it("prepares each statement once and binds new values every time, typed as PostgreSQL infers them", async () => {
    const lookup = "select name, tags, $2::int + 1 as next from items where id = $1";
    await db.query("insert into items (id, name, tags) values ($1, $2, $3)", [10, "ten", JSON.stringify({ deep: [1, null, "x"] })]);
    await db.query("insert into items (id, name, tags) values ($1, $2, $3)", [11, "eleven", "[]"]);
    for (let i = 0; i < 20; i++) {
      const id = i % 2 === 0 ? 10 : 11;
      const { rows } = await db.query(lookup, [id, i]);
      expect(rows).toEqual([{ name: id === 10 ? "ten" : "eleven", tags: id === 10 ? { deep: [1, null, "x"] } : [], next: i + 1 }]);
    }
    const empty = await db.query(lookup, [999, 0]);
    expect(empty).toMatchObject({ rows: [], fields: [{ name: "name" }, { name: "tags" }, { name: "next" }] });
    const updated = await db.query("update items set name = $1 where id in ($2, $3)", ["renamed", 10, 11]);
    expect(updated.affectedRows).toBe(2);
  });

  it("reports an error in a prepared statement's values with its code and keeps the statement usable", async () => {
    const insert = "insert into items (id, name) values ($1, $2) returning id";
    expect((await db.query(insert, [20, "twenty"])).rows).toEqual([{ id: 20 }]);
    await expect(db.query(insert, [20, "again"])).rejects.toMatchObject({ code: "23505", constraint: "items_pkey" });
    await expect(db.query(insert, ["not a number", "x"])).rejects.toMatchObject({ code: "22P02" });
    await expect(db.query("select nonsense from", [])).rejects.toMatchObject({ code: "42601" });
    expect((await db.query(insert, [21, "twenty-one"])).rows).toEqual([{ id: 21 }]);
  });

  it("keeps answering past the prepared-statement cache's size, and after DEALLOCATE ALL", async () => {
    for (let i = 0; i < 520; i++) {
      const { rows } = await db.query(`select $1::int * ${i} as product`, [2]);
      expect(rows).toEqual([{ product: 2 * i }]);
    }
    expect((await db.query("select $1::int * 519 as product", [3])).rows).toEqual([{ product: 1557 }]);
    await db.exec("deallocate all");
    expect((await db.query("select $1::int * 519 as product", [4])).rows).toEqual([{ product: 2076 }]);
  });

  it("rejects with a clear error once the thread is closed", async () => {
    const other = await startPGliteThread();
    await other.close();
    await expect(other.query("select 1")).rejects.toThrow(/database thread stopped/);
  });
});

describe("the warm-up of a server's database", () => {
  it("runs beside the first requests, then leaves nothing behind: no table, no prepared statement, only what the caller wrote", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "pglite-warm-"));
    try {
      const warmed = await startPGliteThread(dir);
      const warming = warmed.warmUp(50);
      // Requests during the warm-up are answered as usual.
      await warmed.exec("create table notes (id int primary key, body text)");
      await Promise.all([1, 2, 3].map((id) => warmed.query("insert into notes values ($1, $2)", [id, `note ${id}`])));
      await warming;
      const leftovers = await warmed.query(
        "select (select count(*)::int from pg_class where relname = 'switchboard_' || 'warmup') as tables, (select count(*)::int from pg_prepared_statements where statement like '%switchboard_' || 'warmup%' and statement not like '%pg_prepared_statements%') as statements",
      );
      expect(leftovers.rows).toEqual([{ tables: 0, statements: 0 }]);
      await warmed.close();
      const reopened = await startPGliteThread(dir);
      expect((await reopened.query("select table_name from information_schema.tables where table_schema = 'public'")).rows).toEqual([{ table_name: "notes" }]);
      expect((await reopened.query("select body from notes order by id")).rows).toEqual([{ body: "note 1" }, { body: "note 2" }, { body: "note 3" }]);
      await reopened.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a server's data directory and memory settings", () => {
  it("keeps PostgreSQL's page cache (shared_buffers) at 32MB unless told otherwise", { timeout: 120_000 }, async () => {
    expect((await db.query("show shared_buffers")).rows).toEqual([{ shared_buffers: "32MB" }]);
    const bigger = await startPGliteThread(undefined, { sharedBuffers: "64MB" });
    try {
      expect((await bigger.query("show shared_buffers")).rows).toEqual([{ shared_buffers: "64MB" }]);
    } finally {
      await bigger.close();
    }
  });

  it("preparePGliteDir creates a missing directory, then analyzes it on later starts, each time in a process that has ended", { timeout: 180_000 }, async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), "pglite-prepare-")), "pgdata");
    try {
      expect(await preparePGliteDir(dir)).toBe("created");
      const first = await startPGliteThread(dir);
      await first.exec("create table notes (id int primary key, body text); insert into notes select n, 'note ' || n from generate_series(1, 500) n");
      await first.close();
      expect(await preparePGliteDir(dir)).toBe("analyzed");
      const reopened = await startPGliteThread(dir);
      try {
        // The planner statistics ANALYZE wrote are there for the server's thread.
        expect((await reopened.query("select reltuples::int as rows from pg_class where relname = 'notes'")).rows).toEqual([{ rows: 500 }]);
        expect((await reopened.query("select count(*)::int as n from pg_stats where tablename = 'notes'")).rows).toEqual([{ n: 2 }]);
      } finally {
        await reopened.close();
      }
    } finally {
      await rm(path.dirname(dir), { recursive: true, force: true });
    }
  });

  it("preparePGliteDir fails with a message naming the directory when it cannot be prepared", { timeout: 120_000 }, async () => {
    await expect(preparePGliteDir("/proc/not-a-place-for-a-database")).rejects.toThrow(/could not prepare the database in \/proc\/not-a-place-for-a-database/);
  });
});
