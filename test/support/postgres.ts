/** A throw-away database on the local PostgreSQL server for tests; in CI a missing server fails instead of skipping. */
import { randomUUID } from "node:crypto";
import pg from "pg";

/** The server tests use (override with TEST_POSTGRES_URL). */
export const POSTGRES_SERVER = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** True when running under CI, where every dependency must be present. */
export const IN_CI = process.env.CI === "true" || process.env.CI === "1";

async function run(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** True when the PostgreSQL server answers. */
export async function postgresAnswers(): Promise<boolean> {
  try {
    await run("select 1");
    return true;
  } catch {
    return false;
  }
}

/** Creates a fresh database and returns its URL and a function that drops it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `switchboard_test_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  await run(`create database ${name}`);
  const url = new URL(POSTGRES_SERVER);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}
