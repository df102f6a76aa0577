import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, tables, type DatabaseHandle } from "../../../src/db/index.ts";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { hasDemoData, seedDemoData } from "../../../src/db/seed/seed.ts";
import { hashPassword, verifyPassword } from "../../../src/modules/agents/passwords.ts";
import { ensureDefaultInboxes, listInboxes } from "../../../src/modules/inboxes/index.ts";

const demoEmails = demoAgents.map((a) => a.email);

describe("the demo data and the data every install starts with", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ memory: true });
    await handle.migrate();
  }, 120_000);
  afterAll(async () => handle?.close());

  it("a production database gets a web inbox and the Bot Framework inbox, and no console account at all", async () => {
    expect((await ensureDefaultInboxes(handle.db)).sort()).toEqual(["botframework", "website"]);
    expect((await listInboxes(handle.db)).map((i) => [i.id, i.channel])).toEqual([
      ["website", "web"],
      ["botframework", "botframework"],
    ]);
    expect(await handle.db.select().from(tables.users)).toEqual([]);
    expect(await hasDemoData(handle.db)).toBe(false);
    // A second start creates nothing more.
    expect(await ensureDefaultInboxes(handle.db)).toEqual([]);
  });

  it("gives each demo account its own random password, reported once, and none of them the old shared `switchboard-demo`", async () => {
    const first = await seedDemoData(handle.db, { hashPassword });
    expect(first.accounts.map((a) => a.email)).toEqual(demoEmails);
    const passwords = first.accounts.map((a) => a.password);
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(new Set(passwords).size).toBe(demoEmails.length);
    const users = await handle.db.select().from(tables.users).where(inArray(tables.users.email, demoEmails));
    for (const account of first.accounts) {
      const user = users.find((u) => u.email === account.email);
      expect(await verifyPassword(account.password ?? "", user?.passwordHash ?? "")).toBe(true);
      expect(await verifyPassword("switchboard-demo", user?.passwordHash ?? "")).toBe(false);
    }
    expect(await hasDemoData(handle.db)).toBe(true);

    // Seeding again (a restart in demo mode, `switchboard seed`) reports no password and changes none.
    const again = await seedDemoData(handle.db, { hashPassword, agentPassword: "a-scripted-password" });
    expect(again.accounts.every((a) => a.password === undefined)).toBe(true);
    const [alex] = await handle.db.select().from(tables.users).where(eq(tables.users.email, demoEmails[0]));
    expect(alex.passwordHash).toBe(users.find((u) => u.email === demoEmails[0])?.passwordHash);
  }, 60_000);

  it("a first start shows labels with intent rules and shared canned replies with variables, once however often it is seeded", async () => {
    // The demo above was seeded twice; one more run must not add a row either.
    await seedDemoData(handle.db, { hashPassword });
    const labels = await handle.db.select().from(tables.labels);
    expect(labels.map((l) => [l.name, l.color]).sort()).toEqual([
      ["Refund", "#d97706"],
      ["Shipping", "#2563eb"],
      ["Urgent", "#dc2626"],
    ]);
    expect(labels.find((l) => l.name === "Refund")?.intents).toContain("get_refund");
    expect(labels.find((l) => l.name === "Shipping")?.intents).toContain("track_order");
    const canned = await handle.db.select().from(tables.cannedReplies);
    expect(canned.map((c) => c.shortcut).sort()).toEqual(["hello", "refund", "return", "thanks", "where"]);
    expect(canned.every((c) => c.shared && c.ownerId === null)).toBe(true);
    const texts = canned.map((c) => c.text).join(" ");
    for (const variable of ["{{customer.name}}", "{{order.number}}", "{{agent.name}}"]) expect(texts).toContain(variable);
  }, 120_000);

  it("a given --agent-password is what every new demo account gets (scripted installs)", async () => {
    const fresh = await openDatabase({ memory: true });
    try {
      await fresh.migrate();
      const summary = await seedDemoData(fresh.db, { hashPassword, agentPassword: "scripted-password-1" });
      expect(summary.accounts.map((a) => a.password)).toEqual(demoEmails.map(() => "scripted-password-1"));
      const users = await fresh.db.select().from(tables.users);
      for (const user of users) expect(await verifyPassword("scripted-password-1", user.passwordHash)).toBe(true);
      // The demo shop brings its own web inbox, so no second one is made for it.
      expect(await ensureDefaultInboxes(fresh.db)).toEqual(["botframework"]);
    } finally {
      await fresh.close();
    }
  }, 120_000);
});
