/**
 * Statements the hot path runs many times a second, built once per database and then only given new values.
 * Drizzle takes 0.2–0.7 ms of the event loop to turn a query builder into SQL (more before the JIT has warmed up);
 * a prepared query skips that, and PostgreSQL (the server through pg, or PGlite's thread) plans it once.
 */
import type { Database } from "./client.ts";

const cache = new WeakMap<Database, Map<string, unknown>>();

/**
 * The query `build` prepares (call `.prepare(name)` on a builder whose values are `sql.placeholder`s), made once per
 * database handle and `name`. `name` is also the PostgreSQL statement name, so one name must always mean one SQL text.
 */
export function preparedOnce<T>(db: Database, name: string, build: (name: string) => T): T {
  let statements = cache.get(db);
  if (!statements) cache.set(db, (statements = new Map()));
  let statement = statements.get(name) as T | undefined;
  if (statement === undefined) statements.set(name, (statement = build(name)));
  return statement;
}
