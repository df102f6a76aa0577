import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, tables, type Database, type DatabaseTarget } from "../../src/db/index.ts";
import { api } from "../support/api-client.ts";
import { runCli } from "../support/cli.ts";
import { createTestApp, type TestApp } from "../support/create-test-app.ts";
import { createScratchDatabase } from "../support/postgres.ts";
import { connectCustomer } from "../support/widget-client.ts";

const work = mkdtempSync(path.join(tmpdir(), "switchboard-backup-test-"));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
}, 120_000);

type StoredMessage = { id: string; conversationId: string; senderType: string; text: string };

async function allMessages(db: Database): Promise<StoredMessage[]> {
  const rows = await db
    .select({ id: tables.messages.id, conversationId: tables.messages.conversationId, senderType: tables.messages.senderType, text: tables.messages.text })
    .from(tables.messages)
    .orderBy(tables.messages.id);
  return rows;
}

/** Two customers chat with the bot; resolves once every question has its answer stored. */
async function chat(t: TestApp): Promise<void> {
  for (const question of ["What is your refund policy?", "How long does delivery take?"]) {
    const customer = await connectCustomer(t.url, t.inboxId);
    await customer.send(question);
    await customer.waitFor((m) => m.sender.type === "bot", 120_000);
    await customer.send(`and one more thing about "${question}"`);
    await customer.waitFor((m) => m.sender.type === "bot" && customer.received.filter((r) => r.sender.type === "bot").length >= 2, 120_000);
    customer.close();
  }
}

async function messagesIn(target: DatabaseTarget): Promise<StoredMessage[]> {
  const handle = await openDatabase(target);
  try {
    return await allMessages(handle.db);
  } finally {
    await handle.close();
  }
}

const pgliteEnv = (dir: string): NodeJS.ProcessEnv => ({ DATA_DIR: dir, DATABASE_URL: "" });

describe("backups of the embedded database (PGlite)", () => {
  // One server's data dir serves both tests: backed up while it runs, then after it stopped.
  const source = path.join(work, "source");
  let t: TestApp;
  let before: StoredMessage[];
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await t.close();
  };

  it("while a server holds the data dir, `switchboard backup` refuses and says why; the admin's POST /api/v1/admin/backup snapshot restores into a fresh data dir with every message", async () => {
    t = await createTestApp({ database: { pgliteDir: source } });
    cleanups.push(stop);
    await chat(t);
    before = await allMessages(t.container.database.db);
    expect(before.length).toBeGreaterThanOrEqual(8);

    const refused = await runCli(["backup", "--to", path.join(work, "refused.tar.gz")], pgliteEnv(source));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`is in use by process ${process.pid}`);
    expect(refused.stderr).toContain("POST /api/v1/admin/backup");

    const agent = await t.login("alex@switchboard.local");
    const forbidden = await api(t.url, "POST", "/api/v1/admin/backup", { cookie: agent });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect((await api(t.url, "POST", "/api/v1/admin/backup")).status).toBe(401);

    const res = await fetch(`${t.url}/api/v1/admin/backup`, { method: "POST", headers: { cookie: await t.login() } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/gzip");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="?switchboard-\d{8}T\d{6}Z\.tar\.gz"?$/);
    const file = path.join(work, "online.tar.gz");
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    // The server keeps serving after its snapshot.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);

    const fresh = path.join(work, "restored-online");
    const restored = await runCli(["restore", "--from", file], pgliteEnv(fresh));
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`${before.length} messages`);
    expect(await messagesIn({ pgliteDir: fresh })).toEqual(before);
  }, 600_000);

  it("`switchboard backup` of a stopped server's data dir restores with `switchboard restore`; a non-empty data dir is refused without --force and replaced with it", async () => {
    await stop();

    const file = path.join(work, "offline.tar.gz");
    const backedUp = await runCli(["backup", "--to", file], pgliteEnv(source));
    expect(backedUp.stderr).toBe("");
    expect(backedUp.stdout).toContain(`Backed up the embedded database in ${source} to ${file}`);
    // Never a silent overwrite of an earlier backup.
    const again = await runCli(["backup", "--to", file], pgliteEnv(source));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");

    // The first test's restored dir already holds a database.
    const occupied = path.join(work, "restored-online");
    const refused = await runCli(["restore", "--from", file], pgliteEnv(occupied));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("already holds a database; restore into an empty DATA_DIR, or add --force");

    const forced = await runCli(["restore", "--from", file, "--force"], pgliteEnv(occupied));
    expect(forced.code).toBe(0);
    expect(await messagesIn({ pgliteDir: occupied })).toEqual(before);
  }, 600_000);
});

describe("backups of a PostgreSQL server (pg_dump)", () => {
  it("`switchboard backup` of a running server's database restores with `switchboard restore` into an empty database with every message; a non-empty one is refused without --force and replaced with it", async () => {
    const sourceDb = await createScratchDatabase();
    cleanups.push(() => sourceDb.drop());
    const t = await createTestApp({ database: { url: sourceDb.url } });
    cleanups.push(() => t.close());
    await chat(t);
    const before = await allMessages(t.container.database.db);

    // Without the PostgreSQL client tools (a PATH where there are none) the command says what to install.
    const noTools = await runCli(["backup", "--to", path.join(work, "no-tools.dump")], { DATA_DIR: path.join(work, "pg-cli"), DATABASE_URL: sourceDb.url, PATH: work });
    expect(noTools.code).toBe(1);
    expect(noTools.stderr).toContain("pg_dump is not installed; backups of a PostgreSQL server need the PostgreSQL client tools (apt-get install postgresql-client");

    const file = path.join(work, "server.dump");
    const backedUp = await runCli(["backup", "--to", file], { DATA_DIR: path.join(work, "pg-cli"), DATABASE_URL: sourceDb.url });
    expect(backedUp.stderr).toBe("");
    expect(backedUp.code).toBe(0);

    const target = await createScratchDatabase();
    cleanups.push(() => target.drop());
    const restored = await runCli(["restore", "--from", file], { DATA_DIR: path.join(work, "pg-cli"), DATABASE_URL: target.url });
    expect(restored.stderr).toBe("");
    expect(restored.stdout).toContain(`${before.length} messages`);
    expect(await messagesIn({ url: target.url })).toEqual(before);

    const refused = await runCli(["restore", "--from", file], { DATA_DIR: path.join(work, "pg-cli"), DATABASE_URL: target.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/the database already holds \d+ tables; restore into an empty database \(createdb\), or add --force/);

    const forced = await runCli(["restore", "--from", file, "--force"], { DATA_DIR: path.join(work, "pg-cli"), DATABASE_URL: target.url });
    expect(forced.stderr).toBe("");
    expect(forced.stdout).toContain(`${before.length} messages`);
    expect(await messagesIn({ url: target.url })).toEqual(before);

    // A PGlite snapshot is not a pg_dump archive: said plainly, nothing touched.
    const snapshot = path.join(work, "a-snapshot.tar.gz");
    writeFileSync(snapshot, gzipSync(Buffer.from("not a database")));
    const wrongKind = await runCli(["restore", "--from", snapshot], { DATA_DIR: path.join(work, "pg-cli"), DATABASE_URL: target.url });
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain("is a snapshot of the embedded database");
  }, 600_000);
});
