import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetIdleVisitors } from "../../../src/modules/visitors/index.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer } from "../../support/widget-client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

const DAY = 86_400_000;
const visitorCount = async (): Promise<number> => {
  const result = (await t.container.database.db.execute(sql`select count(*)::int as n from visitors`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0].n);
};

describe("idle widget visitors (VISITOR_RETENTION_DAYS)", () => {
  it("forgets visitors idle past the retention that never wrote, keeps those with a conversation, and a forgotten browser just gets a new id", async () => {
    const browsedOnly = await connectCustomer(t.url, t.inboxId);
    const wrote = await connectCustomer(t.url, t.inboxId);
    expect(await wrote.send("hello, what are your opening hours?")).toHaveProperty("conversationId");
    const recent = await connectCustomer(t.url, t.inboxId);
    for (const c of [browsedOnly, wrote, recent]) c.close();
    const before = await visitorCount();

    // The first two were last seen 31 days ago; the third today.
    await t.container.database.db.execute(
      sql`update visitors set last_seen_at = now() - interval '31 days' where id <> (select id from visitors order by created_at desc limit 1)`,
    );
    const forgotten = await forgetIdleVisitors(t.container.deps, 30 * DAY, 1);
    expect(forgotten).toBeGreaterThanOrEqual(1);
    expect(await visitorCount()).toBe(before - forgotten);

    // The one who wrote still reopens their conversation; the one who only browsed is issued a new id.
    const back = await connectCustomer(t.url, t.inboxId, wrote.visitorId);
    expect(back.visitorId).toBe(wrote.visitorId);
    const history = await back.history();
    expect(Array.isArray(history) && history.some((m) => m.text === "hello, what are your opening hours?")).toBe(true);
    back.close();
    const returning = await connectCustomer(t.url, t.inboxId, browsedOnly.visitorId);
    expect(returning.visitorId).not.toBe(browsedOnly.visitorId);
    returning.close();
    const stillHere = await connectCustomer(t.url, t.inboxId, recent.visitorId);
    expect(stillHere.visitorId).toBe(recent.visitorId);
    stillHere.close();
  });
});
