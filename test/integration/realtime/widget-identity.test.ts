import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { SignJWT } from "jose";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageSendAck, WidgetMessage } from "../../../src/contracts/messages.ts";
import { tables } from "../../../src/db/index.ts";
import { inboxSecret } from "../../../src/modules/inboxes/index.ts";
import { identifierHashOf } from "../../../src/modules/visitors/index.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { connectCustomer, type TestIdentity } from "../../support/widget-client.ts";
import { connect } from "../../../widget/src/connection.ts";
import { memoryStore, readVisitorId, storeVisitorId, visitorIdToSend } from "../../../widget/src/storage.ts";

// The widget's credential is issued by the server; a site that knows its user vouches for it with the inbox's secret.
let t: TestApp;
let secret: string;
let otherSecret: string;
const OTHER_INBOX = "other-site";

beforeAll(async () => {
  t = await createTestApp();
  await t.container.database.db.insert(tables.inboxes).values({ id: OTHER_INBOX, name: "Another website", channel: "web" });
  secret = await inboxSecret(t.container.deps, t.inboxId);
  otherSecret = await inboxSecret(t.container.deps, OTHER_INBOX);
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const db = () => t.container.database.db;
const fromBot = (m: WidgetMessage): boolean => m.sender.type === "bot";

function conversationOf(ack: MessageSendAck): string {
  if ("error" in ack) throw new Error(`message refused: ${ack.error.code}`);
  return ack.conversationId;
}

async function jwt(claims: Record<string, unknown>, key: string, expiresIn: string | number | null = "10m"): Promise<string> {
  const builder = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt();
  if (expiresIn !== null) builder.setExpirationTime(expiresIn);
  return builder.sign(new TextEncoder().encode(key));
}

/** The connect_error a handshake gets (fails the test if it connects instead). */
async function refusal(auth: Record<string, unknown>): Promise<{ message: string; code?: string }> {
  const socket = io(`${t.url}/widget`, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
  try {
    return await new Promise((resolve, reject) => {
      socket.once("connect", () => reject(new Error("the handshake was accepted")));
      socket.once("connect_error", (error: Error & { data?: { code: string } }) => resolve({ message: error.message, code: error.data?.code }));
    });
  } finally {
    socket.disconnect();
  }
}

const sha256 = (value: string): string => createHash("sha256").update(value).digest("hex");

describe("server-issued visitor id", () => {
  it("a first visit with a placeholder gets a new unguessable id, stored only as its hash and in no external id", async () => {
    const customer = await connectCustomer(t.url, t.inboxId, "placeholder");
    expect(customer.visitorId).not.toBe("placeholder");
    expect(customer.visitorId).toMatch(/^v1\.[A-Za-z0-9_-]{43}$/);
    const conversationId = conversationOf(await customer.send("hello"));
    const [visitor] = await db().select().from(tables.visitors).where(eq(tables.visitors.tokenHash, sha256(customer.visitorId)));
    expect(visitor).toBeDefined();
    const [conversation] = await db().select().from(tables.conversations).where(eq(tables.conversations.id, conversationId));
    expect(conversation.externalId).toBe(`${t.inboxId}:${visitor.id}`);
    const leaks = await db().execute(sql`
      select (select count(*) from visitors where token_hash = ${customer.visitorId} or id::text = ${customer.visitorId})
           + (select count(*) from conversations where external_id like ${"%" + customer.visitorId + "%"})
           + (select count(*) from customer_identities where external_id like ${"%" + customer.visitorId + "%"}) as n`);
    expect(Number((leaks as unknown as { rows: { n: number | string }[] }).rows[0].n)).toBe(0);
    customer.close();
  });

  it("a valid id is kept across reconnects and opens the same conversation and its history", async () => {
    const first = await connectCustomer(t.url, t.inboxId);
    const conversationId = conversationOf(await first.send("what is your refund policy?"));
    await first.waitFor(fromBot);
    first.close();
    const again = await connectCustomer(t.url, t.inboxId, first.visitorId);
    expect(again.visitorId).toBe(first.visitorId);
    const history = (await again.history()) as WidgetMessage[];
    expect(history.map((m) => m.text)).toContain("what is your refund policy?");
    expect(conversationOf(await again.send("thanks"))).toBe(conversationId);
    again.close();
  });

  it("a forged or unknown id is replaced by a new one and cannot read anyone's history", async () => {
    const victim = await connectCustomer(t.url, t.inboxId);
    const victimConversation = conversationOf(await victim.send("how long does delivery take to Lyon?"));
    await victim.waitFor(fromBot);
    const [record] = await db().select().from(tables.visitors).where(eq(tables.visitors.tokenHash, sha256(victim.visitorId)));
    // What an attacker might try: a made-up id, the record id seen in an external id, the token's hash, the whole external id.
    for (const forged of ["attacker-chosen-id", record.id, sha256(victim.visitorId), `${t.inboxId}:${record.id}`]) {
      const attacker = await connectCustomer(t.url, t.inboxId, forged);
      expect(attacker.visitorId).not.toBe(forged);
      expect(attacker.visitorId).not.toBe(victim.visitorId);
      expect(await attacker.history()).toEqual([]);
      expect(conversationOf(await attacker.send("hi"))).not.toBe(victimConversation);
      attacker.close();
    }
    victim.close();
  });

  it("an id issued by another inbox is not valid here", async () => {
    const elsewhere = await connectCustomer(t.url, OTHER_INBOX);
    const here = await connectCustomer(t.url, t.inboxId, elsewhere.visitorId);
    expect(here.visitorId).not.toBe(elsewhere.visitorId);
    elsewhere.close();
    here.close();
  });

  it("an old id is rotated on connect: the new one opens the same history, the old one works for a grace period, then no longer", async () => {
    const first = await connectCustomer(t.url, t.inboxId);
    const conversationId = conversationOf(await first.send("hello from an old browser"));
    first.close();
    const v = tables.visitors;
    await db().update(v).set({ rotatedAt: sql`now() - interval '31 days'` }).where(eq(v.tokenHash, sha256(first.visitorId)));
    const rotated = await connectCustomer(t.url, t.inboxId, first.visitorId);
    expect(rotated.visitorId).not.toBe(first.visitorId);
    expect(conversationOf(await rotated.send("still me"))).toBe(conversationId);
    rotated.close();

    // Another tab still holding the old id within the grace period keeps the conversation (and gets a fresh id).
    const otherTab = await connectCustomer(t.url, t.inboxId, first.visitorId);
    expect(otherTab.visitorId).not.toBe(first.visitorId);
    expect(((await otherTab.history()) as WidgetMessage[]).map((m) => m.text)).toContain("still me");
    otherTab.close();

    await db().update(v).set({ previousValidUntil: sql`now() - interval '1 second'` }).where(eq(v.previousTokenHash, sha256(first.visitorId)));
    const late = await connectCustomer(t.url, t.inboxId, first.visitorId);
    expect(await late.history()).toEqual([]);
    late.close();
  });
});

describe("identity verification (HMAC of the user id, Chatwoot's way)", () => {
  it("a valid identifier hash links the user to a customer record, and a second device sees the same conversation", async () => {
    const identity: TestIdentity = { identifier: "user-4711", identifierHash: identifierHashOf("user-4711", secret) };
    const laptop = await connectCustomer(t.url, t.inboxId, "new-visitor", identity);
    const conversationId = conversationOf(await laptop.send("what is your refund policy?"));
    await laptop.waitFor(fromBot);
    laptop.close();

    const phone = await connectCustomer(t.url, t.inboxId, "new-visitor", identity);
    expect(phone.visitorId).not.toBe(laptop.visitorId);
    const history = (await phone.history()) as WidgetMessage[];
    expect(history.map((m) => m.text)).toContain("what is your refund policy?");
    expect(conversationOf(await phone.send("thanks"))).toBe(conversationId);
    phone.close();

    const [identityRow] = await db()
      .select()
      .from(tables.customerIdentities)
      .where(sql`${tables.customerIdentities.channel} = ${"verified:" + t.inboxId} and ${tables.customerIdentities.externalId} = 'user-4711'`);
    const [conversation] = await db().select().from(tables.conversations).where(eq(tables.conversations.id, conversationId));
    expect(conversation.customerId).toBe(identityRow.customerId);
  });

  it("a verified visitor's id without the identity opens a new anonymous visitor, not the verified history", async () => {
    const identity: TestIdentity = { identifier: "user-4712", identifierHash: identifierHashOf("user-4712", secret) };
    const verified = await connectCustomer(t.url, t.inboxId, "new-visitor", identity);
    await verified.send("private verified question");
    verified.close();
    const loggedOut = await connectCustomer(t.url, t.inboxId, verified.visitorId);
    expect(loggedOut.visitorId).not.toBe(verified.visitorId);
    expect(await loggedOut.history()).toEqual([]);
    loggedOut.close();
  });

  it("a tampered identifier, a tampered hash and another inbox's hash are refused with IDENTITY_INVALID", async () => {
    const good = identifierHashOf("user-1", secret);
    const tamperedHash = (good[0] === "0" ? "1" : "0") + good.slice(1);
    for (const auth of [
      { identifier: "user-2", identifierHash: good },
      { identifier: "user-1", identifierHash: tamperedHash },
      { identifier: "user-1", identifierHash: "not-hex" },
      { identifier: "user-1", identifierHash: identifierHashOf("user-1", otherSecret) },
    ]) {
      expect(await refusal({ inbox: t.inboxId, visitorId: "new-visitor", ...auth })).toEqual({ message: "IDENTITY_INVALID", code: "IDENTITY_INVALID" });
    }
  });

  it("an identifier without its hash is refused with VALIDATION_FAILED", async () => {
    expect(await refusal({ inbox: t.inboxId, visitorId: "new-visitor", identifier: "user-1" })).toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

describe("identity verification (signed JWT, Intercom's way)", () => {
  it("a valid JWT with an email links the user to the CRM record with that email", async () => {
    const userJwt = await jwt({ sub: "shop-user-1", email: "Jordan.Lee@example.com", name: "Jordan" }, secret);
    const customer = await connectCustomer(t.url, t.inboxId, "new-visitor", { userJwt });
    const conversationId = conversationOf(await customer.send("hello"));
    customer.close();
    const [jordan] = await db().select().from(tables.customers).where(eq(tables.customers.email, "jordan.lee@example.com"));
    const [conversation] = await db().select().from(tables.conversations).where(eq(tables.conversations.id, conversationId));
    expect(conversation.customerId).toBe(jordan.id);
    const second = await connectCustomer(t.url, t.inboxId, "new-visitor", { userJwt: await jwt({ sub: "shop-user-1" }, secret) });
    expect(conversationOf(await second.send("me again"))).toBe(conversationId);
    second.close();
  });

  it("an expired JWT is refused with IDENTITY_EXPIRED", async () => {
    const userJwt = await jwt({ sub: "shop-user-2" }, secret, Math.floor(Date.now() / 1000) - 3600);
    expect(await refusal({ inbox: t.inboxId, visitorId: "new-visitor", userJwt })).toEqual({ message: "IDENTITY_EXPIRED", code: "IDENTITY_EXPIRED" });
  });

  it("a tampered JWT, one signed for another inbox, one without exp and an unsigned one are refused with IDENTITY_INVALID", async () => {
    const valid = await jwt({ sub: "shop-user-3" }, secret);
    const [header, , signature] = valid.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ sub: "shop-user-1", exp: Math.floor(Date.now() / 1000) + 600 })).toString("base64url");
    const unsigned = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${forgedPayload}.`;
    for (const userJwt of [
      `${header}.${forgedPayload}.${signature}`,
      await jwt({ sub: "shop-user-3" }, otherSecret),
      await jwt({ sub: "shop-user-3" }, secret, null),
      unsigned,
      "not a jwt",
    ]) {
      expect(await refusal({ inbox: t.inboxId, visitorId: "new-visitor", userJwt })).toEqual({ message: "IDENTITY_INVALID", code: "IDENTITY_INVALID" });
    }
  });
});

describe("the widget script's connection", () => {
  it("stores the id the server issued, sends it on every reconnect, and takes a rotated one", async () => {
    const store = memoryStore();
    let connects = 0;
    const waitConnects = async (n: number): Promise<void> => {
      for (let i = 0; i < 400 && connects < n; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(connects).toBe(n);
    };
    const conn = connect(
      {
        origin: t.url,
        path: "/socket.io",
        inbox: t.inboxId,
        visitorId: () => visitorIdToSend(store, t.inboxId),
        rememberVisitorId: (id) => storeVisitorId(store, t.inboxId, id),
      },
      { onState: () => undefined, onConnect: () => void connects++, onMessage: () => undefined, onTyping: () => undefined },
    );
    try {
      await waitConnects(1);
      const sent = await conn.send({ clientMsgId: "widget-conn-1", text: "hello from the widget" });
      expect(sent.kind).toBe("ack");
      const issued = readVisitorId(store, t.inboxId);
      expect(issued).toMatch(/^v1\./);

      conn.dropTransport();
      await waitConnects(2);
      expect(readVisitorId(store, t.inboxId)).toBe(issued);
      const history = await conn.history();
      expect(Array.isArray(history) && history.map((m) => m.text)).toContain("hello from the widget");

      await db().update(tables.visitors).set({ rotatedAt: sql`now() - interval '40 days'` }).where(eq(tables.visitors.tokenHash, sha256(issued!)));
      conn.dropTransport();
      await waitConnects(3);
      await expect.poll(() => readVisitorId(store, t.inboxId)).not.toBe(issued);
      const after = await conn.history();
      expect(Array.isArray(after) && after.map((m) => m.text)).toContain("hello from the widget");
    } finally {
      conn.close();
    }
  });
});
