import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../src/db/index.ts";
import { establishVisitor } from "../../../src/modules/visitors/index.ts";

// An installation from before server-issued visitor ids, upgraded: its widget visitors keep their conversations.
const migrations = fileURLToPath(new URL("../../../src/db/migrations/", import.meta.url));
const LEGACY_ID = "7d0c5a3e-1111-4222-8333-944455556666";
let database: DatabaseHandle;

async function apply(file: string): Promise<void> {
  for (const statement of readFileSync(`${migrations}${file}`, "utf8").split("--> statement-breakpoint")) {
    if (statement.trim()) await database.db.execute(sql.raw(statement));
  }
}

const rows = async <T,>(query: ReturnType<typeof sql>): Promise<T[]> => ((await database.db.execute(query)) as unknown as { rows: T[] }).rows;

beforeAll(async () => {
  database = await openDatabase({ memory: true });
  const files = readdirSync(migrations).filter((f) => f.endsWith(".sql")).sort();
  const identity = files.findIndex((f) => f.startsWith("0003_"));
  for (const file of files.slice(0, identity)) await apply(file);
  await database.db.execute(sql`insert into inboxes (id, name, channel) values ('demo', 'Shop', 'web')`);
  await database.db.execute(sql`insert into customers (id, name) values ('00000000-0000-4000-8000-000000000001', 'Old visitor')`);
  await database.db.execute(sql`insert into customer_identities (customer_id, channel, external_id) values ('00000000-0000-4000-8000-000000000001', 'web', ${LEGACY_ID})`);
  await database.db.execute(sql`insert into conversations (id, inbox_id, customer_id, channel, external_id)
    values ('00000000-0000-4000-8000-0000000000c1', 'demo', '00000000-0000-4000-8000-000000000001', 'web', ${"demo:" + LEGACY_ID})`);
  for (const file of files.slice(identity)) await apply(file);
}, 120_000);
afterAll(async () => {
  await database?.close();
});

describe("migrating widget visitors to server-issued ids", () => {
  it("turns each old browser-chosen id into a hashed token of a visitor record named by the conversation and the identity", async () => {
    const [visitor] = await rows<{ id: string; token_hash: string; rotated_at: string }>(sql`select id, token_hash, rotated_at::text from visitors`);
    expect(visitor.token_hash).toBe(createHash("sha256").update(LEGACY_ID).digest("hex"));
    const [conversation] = await rows<{ external_id: string }>(sql`select external_id from conversations`);
    expect(conversation.external_id).toBe(`demo:${visitor.id}`);
    const [identity] = await rows<{ external_id: string }>(sql`select external_id from customer_identities`);
    expect(identity.external_id).toBe(visitor.id);
    const [inbox] = await rows<{ secret: string }>(sql`select secret from inboxes`);
    expect(inbox.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a returning old visitor opens their conversation and is given a new token at once", async () => {
    const [inbox] = await rows<{ secret: string }>(sql`select secret from inboxes`);
    const visitor = await establishVisitor({ db: database.db, now: () => new Date() }, { id: "demo", secret: inbox.secret }, LEGACY_ID, {});
    expect(visitor.visitorId).not.toBe(LEGACY_ID);
    const [conversation] = await rows<{ external_id: string }>(sql`select external_id from conversations`);
    expect(visitor.externalConversationId).toBe(conversation.external_id);
  });
});
