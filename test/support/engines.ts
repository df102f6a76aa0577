/**
 * The two databases every CRM integration test runs on: PGlite in memory, and a scratch database on the local
 * PostgreSQL server (CI without the server fails instead of skipping). Use with describe.each and createTestApp:
 *   describe.each(testEngines())("customers on $name", (engine) => { … createTestApp({ database: await engine.open() }) … afterAll(engine.cleanup) })
 */
import type { DatabaseTarget } from "../../src/db/index.ts";
import { createScratchDatabase, IN_CI, POSTGRES_SERVER, postgresAnswers } from "./postgres.ts";
import { freshMemoryDatabase } from "./database-template.ts";

/** One database engine for a test file: open() makes a fresh database target, cleanup() drops what it made. */
export type TestEngine = { name: "PGlite" | "PostgreSQL"; open(): Promise<DatabaseTarget>; cleanup(): Promise<void> };

const hasServer = await postgresAnswers();
if (!hasServer && IN_CI) throw new Error(`CI needs a PostgreSQL server at ${POSTGRES_SERVER}, and none answers.`);

/** PGlite, and the PostgreSQL server when it answers (always in CI). */
export function testEngines(): TestEngine[] {
  const engines: TestEngine[] = [{ name: "PGlite", open: async () => freshMemoryDatabase(), cleanup: async () => undefined }];
  if (!hasServer) return engines;
  const drops: (() => Promise<void>)[] = [];
  engines.push({
    name: "PostgreSQL",
    async open() {
      const scratch = await createScratchDatabase();
      drops.push(scratch.drop);
      return { url: scratch.url };
    },
    cleanup: async () => {
      for (const drop of drops.splice(0)) await drop();
    },
  });
  return engines;
}
