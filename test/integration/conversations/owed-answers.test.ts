import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toTurn } from "../../../bots/index.ts";
import { say } from "../../../bots/strings.ts";
import { tables } from "../../../src/db/index.ts";
import { getConversation, receiveCustomerMessage, setConversationStatus } from "../../../src/modules/conversations/index.ts";
import { finishTurn, takeTurnLease } from "../../../src/modules/conversations/turns.repo.ts";
import type { ServiceDeps } from "../../../src/modules/deps.ts";
import { openHandoffTicket } from "../../../src/modules/tickets/index.ts";
import { api } from "../../support/api-client.ts";
import { createTestApp, type TestApp } from "../../support/create-test-app.ts";
import { answeredMessages, ticketCounts } from "../../support/stored-answers.ts";
import { connectCustomer } from "../../support/widget-client.ts";

// The recoverer runs only when a test calls recoverOnce(), so each test decides when "after the crash" is.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ turnTimings: { leaseMs: 10_000, recoverEveryMs: 600_000 } });
});
afterAll(async () => {
  await t?.close();
});

/** The services of a node that commits messages and then dies before answering: its lease lasts `leaseMs`. */
function dyingNode(leaseMs: number): ServiceDeps {
  return { ...t.container.deps, answers: { leaseMs, committed: () => undefined, kick: () => undefined } };
}

/** Commits a widget message of `visitorId` (into an existing conversation when given) through the given services, as the /widget socket does. */
async function commit(deps: ServiceDeps, visitorId: string, text: string, clientMsgId = randomUUID(), conversation?: { id: string; externalId: string | null }) {
  return receiveCustomerMessage(deps, {
    inboxId: t.inboxId,
    channel: "web",
    externalUserId: visitorId,
    externalConversationId: conversation?.externalId ?? `${t.inboxId}:${visitorId}`,
    conversationId: conversation?.id,
    clientMsgId,
    text,
  });
}

async function repliesTo(messageId: string) {
  const [message] = (await answeredMessages(t.container.database.db)).filter((m) => m.id === messageId);
  return message.replies;
}

describe("owed answers", () => {
  it("a message committed by a node that died before answering is answered by the recoverer, exactly once", async () => {
    const { message } = await commit(dyingNode(1), randomUUID(), "what payment methods do you accept?");
    expect(await repliesTo(message.id)).toEqual([]);
    expect(await t.container.answers.recoverOnce()).toBeGreaterThanOrEqual(1);
    const replies = await repliesTo(message.id);
    expect(replies.map((r) => r.key)).toEqual([`bot:${message.id}:0`]);
    expect(replies[0].text).toMatch(/Visa/);
    await t.container.answers.recoverOnce();
    expect(await repliesTo(message.id)).toHaveLength(1);
  });

  it("when the widget resends a message whose answer is still owed, the resend gets it answered", async () => {
    const customer = await connectCustomer(t.url, t.inboxId);
    const first = (await customer.send("hello")) as { conversationId: string };
    await customer.waitFor((m) => m.sender.type === "bot");
    const conversation = await getConversation(t.container.deps, first.conversationId);
    const clientMsgId = randomUUID();
    // The widget's message reached a node that committed it and died: no acknowledgement, no answer.
    const { message } = await commit(dyingNode(1), customer.visitorId, "how long does delivery take?", clientMsgId, conversation);
    const ack = (await customer.send("how long does delivery take?", clientMsgId)) as { id: string };
    expect(ack.id).toBe(message.id);
    const answer = await customer.waitFor((m) => m.sender.type === "bot" && /business days/.test(m.text));
    expect(answer.conversationId).toBe(first.conversationId);
    expect((await repliesTo(message.id)).map((r) => r.key)).toEqual([`bot:${message.id}:0`]);
    customer.close();
  });

  it("while a node holds a conversation's turn lease nobody else takes it; the holder keeps it while newer messages are owed and gives it up with the last", async () => {
    const node = dyingNode(60_000);
    const visitorId = randomUUID();
    const first = await commit(node, visitorId, "hello");
    const token = first.conversation.turnLeaseOwner;
    expect(token).toEqual(expect.any(String));
    const second = await commit(node, visitorId, "thank you");
    expect(second.conversation.turnLeaseOwner, "the second commit leaves the lease with its holder").toBe(token);
    expect(second.conversation.owedSeq).toBe(second.message.seq);
    const conversationId = first.conversation.id;
    const db = t.container.database.db;
    expect(await takeTurnLease(db, { conversationId, token: randomUUID(), leaseMs: 1000 }), "a live lease is not taken").toBeUndefined();
    expect(await finishTurn(db, { conversationId, token: randomUUID(), seq: first.message.seq, botState: null, leaseMs: 1000 }), "a stranger cannot finish a turn").toBeUndefined();
    const afterFirst = await finishTurn(db, { conversationId, token: token!, seq: first.message.seq, botState: null, leaseMs: 60_000 });
    expect(afterFirst?.turnLeaseOwner, "kept: the second message is still owed").toBe(token);
    expect(afterFirst?.answeredSeq).toBe(first.message.seq);
    const afterSecond = await finishTurn(db, { conversationId, token: token!, seq: second.message.seq, botState: null, leaseMs: 60_000 });
    expect(afterSecond?.turnLeaseOwner, "released with the last owed message").toBeNull();
    expect(afterSecond?.answeredSeq).toBe(second.message.seq);
  });

  it("a turn run again after a crash before it was marked answered adds nothing: one reply, and the bot's memory counts the turn once", async () => {
    const visitorId = randomUUID();
    const { message, conversation } = await commit(dyingNode(1), visitorId, "what will the weather be like in Lisbon this weekend");
    // The first run: the bot answers, then the process dies before the answer is marked (the memory is saved with the mark).
    await t.container.bot.answerWidgetMessage(toTurn(message, conversation), conversation.customerId);
    expect((await repliesTo(message.id)).map((r) => r.text)).toEqual([say.notUnderstood]);
    expect(await t.container.answers.recoverOnce()).toBeGreaterThanOrEqual(1);
    expect((await repliesTo(message.id)).map((r) => r.key)).toEqual([`bot:${message.id}:0`]);
    const after = await getConversation(t.container.deps, conversation.id);
    expect(after.botState.failedTurns).toBe(1);
    expect(after.status).toBe("bot");
    expect((await ticketCounts(t.container.database.db)).get(conversation.id) ?? 0).toBe(0);
  });

  it("a hand-off cut short by a crash is finished by the rerun: one ticket, one assignment, one notice to the customer", async () => {
    const agent = await t.login("alex@switchboard.local");
    expect((await api(t.url, "PATCH", "/api/v1/agents/me", { cookie: agent, body: { status: "online" } })).status).toBe(200);
    const { message, conversation } = await commit(dyingNode(1), randomUUID(), "I want to talk to a human");
    const deps = t.container.deps;
    const handOff = () => openHandoffTicket(deps, { conversationId: conversation.id, reason: "customer_request", triggerMessageId: message.id, replyKey: `handoff:${message.id}` });
    // The first run got as far as the notice; the conversation's change, the last step, was lost with the process.
    const ticket = await handOff();
    await setConversationStatus(deps, conversation.id, "bot");
    expect(await t.container.answers.recoverOnce()).toBeGreaterThanOrEqual(1);
    expect((await getConversation(deps, conversation.id)).status).toBe("handoff");
    expect((await ticketCounts(t.container.database.db)).get(conversation.id)).toBe(1);
    const events = await t.container.database.db.select().from(tables.ticketEvents).where(eq(tables.ticketEvents.ticketId, ticket.id));
    expect(events.map((e) => e.type).sort()).toEqual(["assigned", "created"]);
    const replies = await repliesTo(message.id);
    expect(replies.map((r) => `${r.senderType} ${r.key}`)).toEqual([`system handoff:${message.id}`]);
  });
});
