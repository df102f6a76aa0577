import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openDatabase, tables } from "../../src/db/index.ts";
import { createScratchDatabase, IN_CI, postgresAnswers } from "../support/postgres.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const run = promisify(execFile);

describe("the switchboard command", () => {
  it("prints its usage for --help, even after a sub-command, and runs nothing", async () => {
    const model = `${root}nlp-models/intent-model.json`;
    const before = statSync(model).mtimeMs;
    const { stdout } = await run(process.execPath, [`${root}bin/switchboard.js`, "nlp", "train", "--help"], { cwd: root });
    expect(stdout).toContain("usage: switchboard <command>");
    expect(stdout).toContain("nlp train");
    expect(statSync(model).mtimeMs).toBe(before);
  });

  it("names its commands on stderr and exits 2 for an unknown one", async () => {
    const failure = await run(process.execPath, [`${root}bin/switchboard.js`, "frobnicate"], { cwd: root }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain("usage: switchboard <command>");
  });

  it("inbox secret prints an inbox's identity secret, --rotate replaces it, and an unknown inbox is an error", async () => {
    // A scratch database on the PostgreSQL server keeps this quick (each command opens it anew); PGlite when none answers outside CI.
    const dataDir = mkdtempSync(path.join(tmpdir(), "switchboard-cli-"));
    const server = IN_CI || (await postgresAnswers()) ? await createScratchDatabase() : undefined;
    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", ...(server ? { DATABASE_URL: server.url } : {}) };
    const cli = (...args: string[]) => run(process.execPath, [`${root}bin/switchboard.js`, ...args], { cwd: root, env });
    try {
      const database = await openDatabase(server ? { url: server.url } : { pgliteDir: dataDir });
      try {
        await database.migrate();
        await database.db.insert(tables.inboxes).values({ id: "shop", name: "Shop", channel: "web" });
      } finally {
        await database.close();
      }
      const first = (await cli("inbox", "secret", "shop")).stdout.trim();
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      const rotated = await cli("inbox", "secret", "shop", "--rotate");
      expect(rotated.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(rotated.stdout.trim()).not.toBe(first);
      expect(rotated.stderr).toContain("no longer verify");
      const failure = await cli("inbox", "secret", "no-such-inbox").catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 1 });
      expect((failure as { stderr: string }).stderr).toContain("no-such-inbox");
    } finally {
      await server?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
