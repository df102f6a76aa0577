import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NoteDTO, TimelineItemDTO } from "../../../src/contracts/crm.ts";
import { tables } from "../../../src/db/index.ts";
import { demoAgents } from "../../../src/db/seed/demo-data.ts";
import { api, type JsonResponse } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { testEngines } from "../../support/engines.ts";

type ErrorBody = { error?: { code: string; fields?: Record<string, string>; mergedInto?: string } };
type Timeline = JsonResponse<{ data: TimelineItemDTO[]; nextCursor: string | null } & ErrorBody>;
type Notes = JsonResponse<{ data: NoteDTO[]; nextCursor: string | null } & ErrorBody>;
type Note = JsonResponse<{ data: NoteDTO } & ErrorBody>;

const alex = demoAgents.find((a) => a.name === "Alex Agent")!;
const sam = demoAgents.find((a) => a.name === "Sam Support")!;
const T0 = Date.parse("2026-03-01T09:00:00.000Z");
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

describe.each(testEngines())("customer notes and timeline on $name", (engine) => {
  let t: TestApp;
  let admin: string;
  let alexCookie: string;
  let samCookie: string;
  let alexId: string;
  const db = () => t.container.database.db;
  const timeline = (customerId: string, query = "", cookie = admin): Promise<Timeline> =>
    api(t.url, "GET", `/api/v1/customers/${customerId}/timeline${query}`, { cookie }) as Promise<Timeline>;
  const addNote = (customerId: string, body: unknown, cookie = alexCookie): Promise<Note> =>
    api(t.url, "POST", `/api/v1/customers/${customerId}/notes`, { cookie, body }) as Promise<Note>;

  async function addCustomer(values: Partial<typeof tables.customers.$inferInsert> = {}): Promise<string> {
    const [row] = await db()
      .insert(tables.customers)
      .values({ name: "Tess Timeline", email: `tess-${randomUUID()}@example.test`, ...values })
      .returning({ id: tables.customers.id });
    return row!.id;
  }

  /** Every entry of a timeline, walking the cursor `limit` at a time. */
  async function walk(customerId: string, limit: number, extra = ""): Promise<TimelineItemDTO[]> {
    const items: TimelineItemDTO[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: Timeline = await timeline(customerId, `?limit=${limit}${extra}${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      expect(page.body.data.length).toBeLessThanOrEqual(limit);
      items.push(...page.body.data);
      cursor = page.body.nextCursor;
      if (!cursor) return items;
    }
    throw new Error("the timeline never ended");
  }

  /** A customer with one of everything, each at its own minute (1 … 8), and a stranger's records that must not show. */
  async function seedHistory(): Promise<{ customerId: string; conversationId: string; ticketId: string; orderId: string; noteId: string; ticketNumber: number }> {
    const customerId = await addCustomer();
    const [conversation] = await db()
      .insert(tables.conversations)
      .values({ inboxId: t.inboxId, customerId, channel: "web", status: "handoff", createdAt: at(1), lastMessageAt: at(1), sentiment: { start: -0.5, end: 0.25, min: -0.5, count: 2 } })
      .returning();
    await db()
      .insert(tables.messages)
      .values([
        { conversationId: conversation!.id, senderType: "bot", text: "Hi! How can I help?", createdAt: at(1) },
        { conversationId: conversation!.id, senderType: "customer", text: "My tent arrived torn", createdAt: at(1) },
        { conversationId: conversation!.id, senderType: "customer", text: "Can I get a new one?", createdAt: at(1) },
      ]);
    const [ticket] = await db()
      .insert(tables.tickets)
      .values({ conversationId: conversation!.id, customerId, subject: "Torn tent", reason: "customer_request", createdAt: at(2), updatedAt: at(4) })
      .returning();
    await db()
      .insert(tables.ticketEvents)
      .values([
        { ticketId: ticket!.id, type: "created", actorType: "bot", data: { reason: "customer_request" }, createdAt: at(2) },
        { ticketId: ticket!.id, type: "assigned", actorType: "system", data: { assigneeId: alexId, rule: "round_robin" }, createdAt: at(3) },
        { ticketId: ticket!.id, type: "status_changed", actorType: "agent", actorId: alexId, data: { from: "open", to: "resolved" }, createdAt: at(4) },
      ]);
    const number = `ORD-T${randomUUID().slice(0, 8)}`;
    const [order] = await db()
      .insert(tables.orders)
      .values({ number, customerId, status: "shipped", totalCents: 24900, currency: "USD", carrier: "UPS", trackingNumber: "1Z999", placedAt: at(5), createdAt: at(5), updatedAt: at(6) })
      .returning();
    const [note] = await db()
      .insert(tables.customerNotes)
      .values({ customerId, authorType: "user", authorId: alexId, authorName: "Alex Agent", text: "Prefers email.\nCall after 5pm.", createdAt: at(7), updatedAt: at(7) })
      .returning();
    await db()
      .insert(tables.customerEvents)
      .values({ customerId, type: "customer.updated", actorType: "user", actorId: alexId, actorName: "Alex Agent", data: { changes: { email: { from: "a@old.test", to: "b@new.test" } } }, createdAt: at(8) });
    // Someone else's history at the same minutes.
    const stranger = await addCustomer({ name: "Stranger" });
    await db().insert(tables.customerNotes).values({ customerId: stranger, authorType: "system", text: "not yours", createdAt: at(7), updatedAt: at(7) });
    await db().insert(tables.orders).values({ number: `${number}-X`, customerId: stranger, totalCents: 100, placedAt: at(5), createdAt: at(5), updatedAt: at(5) });
    return { customerId, conversationId: conversation!.id, ticketId: ticket!.id, orderId: order!.id, noteId: note!.id, ticketNumber: ticket!.number };
  }

  beforeAll(async () => {
    t = await createTestApp({ database: await engine.open() });
    admin = await t.login();
    alexCookie = await t.login(alex.email);
    samCookie = await t.login(sam.email);
    alexId = (await db().select().from(tables.users).where(eq(tables.users.email, alex.email)))[0]!.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await engine.cleanup();
  });

  describe("timeline", () => {
    it("merges conversations, ticket events, orders, notes and profile changes into one stream, newest first, each with who, a summary and a link", async () => {
      const seeded = await seedHistory();
      const res = await timeline(seeded.customerId);
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      const items = res.body.data;
      expect(items.map((i) => [i.type, i.at])).toEqual([
        ["customer.updated", at(8).toISOString()],
        ["note.added", at(7).toISOString()],
        ["order.shipped", at(6).toISOString()],
        ["order.placed", at(5).toISOString()],
        ["ticket.status_changed", at(4).toISOString()],
        ["ticket.assigned", at(3).toISOString()],
        ["ticket.created", at(2).toISOString()],
        ["conversation.started", at(1).toISOString()],
      ]);
      const [profile, note, shipped, placed, status, assigned, created, conversation] = items;
      const alexRef = { type: "user", id: alexId, name: "Alex Agent" };
      expect(profile).toMatchObject({ kind: "event", actor: alexRef, summary: "Email changed from a@old.test to b@new.test by Alex Agent" });
      expect(note).toMatchObject({ kind: "note", actor: alexRef, summary: "Prefers email. Call after 5pm.", data: { text: "Prefers email.\nCall after 5pm." }, link: { noteId: seeded.noteId } });
      expect(shipped).toMatchObject({
        kind: "order",
        actor: null,
        summary: expect.stringMatching(/^Order ORD-T\w+ shipped with UPS \(1Z999\)$/),
        data: { status: "shipped", totalCents: 24900, currency: "USD", carrier: "UPS", tracking: "1Z999" },
        link: { orderId: seeded.orderId },
      });
      expect(placed).toMatchObject({ summary: expect.stringMatching(/^Order ORD-T\w+ placed \(249\.00 USD\)$/), link: { orderId: seeded.orderId } });
      const ticketLink = { ticketId: seeded.ticketId, conversationId: seeded.conversationId };
      expect(status).toMatchObject({ kind: "ticket", actor: alexRef, summary: `Ticket #${seeded.ticketNumber} status changed from open to resolved by Alex Agent`, link: ticketLink });
      expect(assigned).toMatchObject({ actor: { type: "system" }, summary: `Ticket #${seeded.ticketNumber} assigned to Alex Agent`, link: ticketLink });
      expect(created).toMatchObject({ actor: { type: "system", name: "Bot" }, summary: `Ticket #${seeded.ticketNumber} opened: Torn tent`, link: ticketLink });
      expect(conversation).toMatchObject({
        kind: "conversation",
        actor: { type: "customer", id: seeded.customerId, name: "Tess Timeline" },
        summary: "My tent arrived torn",
        data: { channel: "web", status: "handoff", sentiment: { start: -0.5, end: 0.25 }, firstLine: "My tent arrived torn" },
        link: { conversationId: seeded.conversationId },
      });
      expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    });

    it("pages with a keyset cursor across kinds, without skipping or repeating entries that share a time", async () => {
      const seeded = await seedHistory();
      // Five more entries at minute 9 exactly, of three kinds, so pages break inside a tie.
      const tie = at(9);
      await db()
        .insert(tables.customerNotes)
        .values([1, 2, 3].map((n) => ({ customerId: seeded.customerId, authorType: "system" as const, text: `tied note ${n}`, createdAt: tie, updatedAt: tie })));
      await db().insert(tables.customerEvents).values({ customerId: seeded.customerId, type: "customer.tagged", actorType: "system", data: { added: ["vip"] }, createdAt: tie });
      await db().insert(tables.orders).values({ number: `ORD-TIE-${randomUUID().slice(0, 8)}`, customerId: seeded.customerId, totalCents: 500, placedAt: tie, createdAt: tie, updatedAt: tie });
      // And a deal opened and moved twice at that minute too.
      const stages = await db().select().from(tables.dealStages);
      const stage = (key: string) => stages.find((s) => s.key === key)!.id;
      const [deal] = await db().insert(tables.deals).values({ title: "Tied deal", customerId: seeded.customerId, amountCents: 100, stageId: stage("proposal"), createdAt: tie, updatedAt: tie }).returning();
      await db()
        .insert(tables.dealStageChanges)
        .values([
          { dealId: deal!.id, fromStageId: null, toStageId: stage("lead"), actorType: "system" as const, createdAt: tie },
          { dealId: deal!.id, fromStageId: stage("lead"), toStageId: stage("qualified"), actorType: "system" as const, createdAt: tie },
          { dealId: deal!.id, fromStageId: stage("qualified"), toStageId: stage("proposal"), actorType: "system" as const, createdAt: tie },
        ]);
      const all = await walk(seeded.customerId, 200);
      expect(all).toHaveLength(16);
      expect(all.filter((i) => i.kind === "deal").map((i) => i.type).sort()).toEqual(["deal.created", "deal.stage_changed", "deal.stage_changed"]);
      const times = all.map((i) => Date.parse(i.at));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      for (const limit of [1, 2, 3, 5]) expect((await walk(seeded.customerId, limit)).map((i) => i.id)).toEqual(all.map((i) => i.id));
      expect(all.find((i) => i.type === "customer.tagged")?.summary).toBe("Tagged vip");
    });

    it("keeps only the kinds asked for, and refuses an unknown kind or a forged cursor with 400", async () => {
      const seeded = await seedHistory();
      const res = await timeline(seeded.customerId, "?kinds=note,order");
      expect(res.body.data.map((i) => i.type)).toEqual(["note.added", "order.shipped", "order.placed"]);
      expect((await walk(seeded.customerId, 1, "&kinds=ticket")).map((i) => i.type)).toEqual(["ticket.status_changed", "ticket.assigned", "ticket.created"]);
      expect(await timeline(seeded.customerId, "?kinds=note,gossip")).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED", fields: { kinds: expect.any(String) } } } });
      expect(await timeline(seeded.customerId, "?cursor=eyJhdCI6MX0")).toMatchObject({ status: 400, body: { error: { fields: { cursor: expect.any(String) } } } });
      expect((await timeline(seeded.customerId, "?limit=500")).status).toBe(400);
    });

    it("names the API key that changed a ticket", async () => {
      const seeded = await seedHistory();
      const key = await api<{ data: { id: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name: "Helpdesk bridge", scopes: ["tickets:write"] } });
      await db().execute(
        sql`insert into ticket_events (ticket_id, type, actor_type, actor_id, data, created_at) values (${seeded.ticketId}, 'priority_changed', 'api_key', ${key.body.data.id}, ${JSON.stringify({ from: "normal", to: "urgent" })}::jsonb, ${at(10).toISOString()}::timestamptz)`,
      );
      const [latest] = (await timeline(seeded.customerId, "?kinds=ticket&limit=1")).body.data;
      expect(latest).toMatchObject({
        type: "ticket.priority_changed",
        actor: { type: "api_key", id: key.body.data.id, name: "Helpdesk bridge" },
        summary: `Ticket #${seeded.ticketNumber} priority changed from normal to urgent by Helpdesk bridge`,
      });
    });

    it("answers 404 CUSTOMER_NOT_FOUND for an unknown or erased customer, with mergedInto for a merged one", async () => {
      const live = await addCustomer();
      const merged = await addCustomer({ mergedIntoId: live });
      const erased = await addCustomer({ erasedAt: new Date(), name: null, email: null });
      expect(await timeline(randomUUID())).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
      expect(await timeline(erased)).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
      expect(await timeline(merged)).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND", mergedInto: live } } });
      expect((await timeline("not-a-uuid")).status).toBe(400);
      expect((await api(t.url, "GET", `/api/v1/customers/${live}/timeline`)).status).toBe(401);
    });
  });

  describe("notes", () => {
    it("adds a note signed by its author (201), lists notes newest first with a cursor, and shows it on the timeline", async () => {
      const customerId = await addCustomer();
      const long = `Asked about the warranty. ${"Detail ".repeat(60)}`.trim();
      const created = await addNote(customerId, { text: long });
      expect(created.status).toBe(201);
      expect(created.body.data).toMatchObject({ customerId, text: long, author: { type: "user", id: alexId, name: "Alex Agent" } });
      for (const text of ["second", "third"]) expect((await addNote(customerId, { text }, samCookie)).status).toBe(201);

      const first = (await api(t.url, "GET", `/api/v1/customers/${customerId}/notes?limit=2`, { cookie: admin })) as Notes;
      expect(first.body.data.map((n) => n.text)).toEqual(["third", "second"]);
      const rest = (await api(t.url, "GET", `/api/v1/customers/${customerId}/notes?limit=2&cursor=${first.body.nextCursor}`, { cookie: admin })) as Notes;
      expect(rest.body).toMatchObject({ data: [{ text: long }], nextCursor: null });

      const entry = (await timeline(customerId, "?kinds=note")).body.data.find((i) => i.link.noteId === created.body.data.id)!;
      expect(entry).toMatchObject({ type: "note.added", actor: { type: "user", id: alexId }, data: { text: long } });
      expect(Array.from(entry.summary)).toHaveLength(140);
      expect(entry.summary.endsWith("…")).toBe(true);
    });

    it("refuses an empty, over-long or unsafe text with 400 VALIDATION_FAILED naming text, and an unknown customer with 404", async () => {
      const customerId = await addCustomer();
      for (const body of [{}, { text: "" }, { text: "   " }, { text: "x".repeat(10_001) }, { text: "bad \u0000 byte" }, { text: "half \ud800 pair" }, { text: 5 }]) {
        const res = await addNote(customerId, body);
        expect(res.status, JSON.stringify(body).slice(0, 40)).toBe(400);
        expect(res.body.error?.fields).toHaveProperty("text");
      }
      expect((await addNote(customerId, { text: "x".repeat(10_000) })).status).toBe(201);
      expect((await addNote(customerId, { text: "ok", pinned: true })).status).toBe(400);
      expect(await addNote(randomUUID(), { text: "nobody" })).toMatchObject({ status: 404, body: { error: { code: "CUSTOMER_NOT_FOUND" } } });
      expect(await db().select().from(tables.customerNotes).where(eq(tables.customerNotes.customerId, customerId))).toHaveLength(1);
    });

    it("lets only the author edit or delete a note: others get 403 FORBIDDEN and the note stays as it was", async () => {
      const customerId = await addCustomer();
      const note = (await addNote(customerId, { text: "Original" })).body.data;
      const path = `/api/v1/customers/${customerId}/notes/${note.id}`;
      expect(await api(t.url, "PATCH", path, { cookie: samCookie, body: { text: "Hijacked" } })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      expect(await api(t.url, "DELETE", path, { cookie: admin })).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
      const stored = async () => (await db().select().from(tables.customerNotes).where(eq(tables.customerNotes.id, note.id)))[0];
      expect((await stored())?.text).toBe("Original");

      const edited = (await api(t.url, "PATCH", path, { cookie: alexCookie, body: { text: "Edited" } })) as Note;
      expect(edited.status).toBe(200);
      expect(edited.body.data).toMatchObject({ id: note.id, text: "Edited", author: { id: alexId } });
      expect(Date.parse(edited.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(note.updatedAt));
      expect((await api(t.url, "PATCH", path, { cookie: alexCookie, body: { text: "" } })).status).toBe(400);
      expect((await api(t.url, "DELETE", path, { cookie: alexCookie })).status).toBe(204);
      expect(await stored()).toBeUndefined();
      expect((await timeline(customerId, "?kinds=note")).body.data).toEqual([]);
    });

    it("answers 404 NOTE_NOT_FOUND for a note that is not on this customer", async () => {
      const mine = await addCustomer();
      const theirs = await addCustomer();
      const note = (await addNote(theirs, { text: "Theirs" })).body.data;
      for (const [method, body] of [["PATCH", { text: "x" }], ["DELETE", undefined]] as const) {
        expect(await api(t.url, method, `/api/v1/customers/${mine}/notes/${note.id}`, { cookie: alexCookie, body })).toMatchObject({ status: 404, body: { error: { code: "NOTE_NOT_FOUND" } } });
        expect(await api(t.url, method, `/api/v1/customers/${mine}/notes/${randomUUID()}`, { cookie: alexCookie, body })).toMatchObject({ status: 404, body: { error: { code: "NOTE_NOT_FOUND" } } });
      }
      expect((await api(t.url, "GET", `/api/v1/customers/${randomUUID()}/notes`, { cookie: alexCookie })).status).toBe(404);
    });

    it("signs a note written with an API key by the key, which alone may then edit it", async () => {
      const customerId = await addCustomer();
      const makeKey = async (name: string) =>
        (await api<{ data: { id: string; token: string } }>(t.url, "POST", "/api/v1/api-keys", { cookie: admin, body: { name, scopes: ["customers:read", "customers:write"] } })).body.data;
      const [writer, other] = [await makeKey("CRM sync"), await makeKey("Other sync")];
      const call = (token: string, method: string, path: string, body?: unknown) =>
        fetch(`${t.url}/api/v1/customers/${customerId}/notes${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const created = await call(writer.token, "POST", "", { text: "Synced from the ERP" });
      expect(created.status).toBe(201);
      const note = ((await created.json()) as { data: NoteDTO }).data;
      expect(note.author).toEqual({ type: "api_key", id: writer.id, name: "CRM sync" });
      expect((await call(other.token, "PATCH", `/${note.id}`, { text: "Other key" })).status).toBe(403);
      expect((await call(other.token, "DELETE", `/${note.id}`)).status).toBe(403);
      expect((await call(writer.token, "PATCH", `/${note.id}`, { text: "Synced again" })).status).toBe(200);
      expect((await api(t.url, "PATCH", `/api/v1/customers/${customerId}/notes/${note.id}`, { cookie: admin, body: { text: "Admin" } })).status).toBe(403);
    });
  });
});
