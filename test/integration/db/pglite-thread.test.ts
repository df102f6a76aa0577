import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPGliteThread, type PGliteThread } from "../../../src/db/pglite-thread.ts";

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

  it("rejects with a clear error once the thread is closed", async () => {
    const other = await startPGliteThread();
    await other.close();
    await expect(other.query("select 1")).rejects.toThrow(/database thread stopped/);
  });
});
