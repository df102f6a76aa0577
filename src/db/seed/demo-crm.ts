/**
 * The demo CRM: 20 companies, 220 customers with tags and custom attributes, a year of orders, agents' notes and
 * past conversations (some handed to an agent through a ticket), so the console looks like a working CRM on first
 * start. Deterministic (a seeded generator); every table is filled with one multi-row insert.
 */
import { eq } from "drizzle-orm";
import type { Annotation } from "../../contracts/nlp.ts";
import type { Database } from "../client.ts";
import { tables } from "../index.ts";
import { createRng, generateCompanies, generateCustomers, type GeneratedCustomer, type Rng } from "./crm-generator.ts";
import { INDUSTRIES, PLANS } from "./crm-names.ts";
import { CONVERSATION_SCRIPTS, NOTE_TEXTS, type ConversationScript } from "./demo-crm-scripts.ts";
import { DEMO_INBOX_ID } from "./demo-data.ts";

/** How many records the demo CRM adds (on top of the three named demo customers). */
export const DEMO_CRM_SIZE = { companies: 20, customers: 220, notes: 60, conversationCustomers: 45 } as const;

const SEED = 20_261_207;
const DAY_MS = 86_400_000;
const BOT_NAME = "Switchboard Bot";

/** What the demo CRM needs from the rest of the demo data. */
export type DemoCrmContext = {
  now: Date;
  agents: { id: string; name: string }[];
  products: { id: string; sku: string; name: string; priceCents: number }[];
  /** Emails already taken (the named demo customers). */
  takenEmails: Set<string>;
};

/** Counts of what seedDemoCrm inserted (zero when the demo CRM was there already). */
export type DemoCrmSummary = { companies: number; customers: number; orders: number; notes: number; conversations: number };

/** The demo's custom attribute definitions (the `crm` benchmark defines the same before its import). */
export const DEMO_ATTRIBUTE_DEFINITIONS = [
  { entity: "customer" as const, key: "plan", label: "Plan", type: "list" as const, options: [...PLANS] },
  { entity: "customer" as const, key: "seats", label: "Seats", type: "number" as const, options: [] },
  { entity: "customer" as const, key: "renewal_date", label: "Renewal date", type: "date" as const, options: [] },
  { entity: "customer" as const, key: "newsletter", label: "Newsletter opt-in", type: "boolean" as const, options: [] },
  { entity: "company" as const, key: "industry", label: "Industry", type: "list" as const, options: [...INDUSTRIES] },
];

type OrderRow = typeof tables.orders.$inferInsert & { id: string; number: string; createdAt: Date };

/** A tracking number shaped like the carrier's. */
export function trackingNumber(rng: Rng, carrier: string): string {
  const digits = (n: number): string => Array.from({ length: n }, () => rng.int(10)).join("");
  if (carrier === "UPS") return `1Z${digits(6)}AA${digits(8)}`;
  if (carrier === "DHL") return `JD01${digits(16)}`;
  return digits(carrier === "USPS" ? 22 : 12);
}

function buildOrders(rng: Rng, customers: GeneratedCustomer[], context: DemoCrmContext): OrderRow[] {
  const orders: OrderRow[] = [];
  for (const customer of customers) {
    if (!rng.chance(0.6)) continue;
    const count = 1 + rng.int(4);
    for (let k = 0; k < count; k++) {
      const createdAt = new Date(context.now.getTime() - rng.int(365 * DAY_MS));
      const ageDays = (context.now.getTime() - createdAt.getTime()) / DAY_MS;
      const status = rng.chance(0.05) ? "cancelled" : ageDays < 2 ? "processing" : ageDays < 10 ? "shipped" : "delivered";
      const items = Array.from({ length: 1 + rng.int(3) }, () => rng.pick(context.products)).map((p) => ({
        productId: p.id,
        sku: p.sku,
        name: p.name,
        quantity: 1 + rng.int(2),
        priceCents: p.priceCents,
      }));
      const carrier = status === "shipped" || status === "delivered" ? rng.pick(["UPS", "DHL", "FedEx", "USPS"]) : null;
      orders.push({
        id: rng.uuid(),
        number: "",
        customerId: customer.id,
        status,
        items,
        totalCents: items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0),
        units: items.reduce((sum, i) => sum + i.quantity, 0),
        carrier,
        trackingNumber: carrier ? trackingNumber(rng, carrier) : null,
        estimatedDelivery: status === "cancelled" ? null : new Date(createdAt.getTime() + 4 * DAY_MS).toISOString().slice(0, 10),
        placedAt: createdAt,
        createdAt,
        updatedAt: createdAt,
      });
    }
  }
  // Numbered in the order they were placed, as a shop would; ORD-2xxxx stays clear of the named demo orders.
  orders.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  orders.forEach((o, i) => (o.number = `ORD-${20001 + i}`));
  return orders;
}

function annotation(line: { sentiment: number; intent: string; phrases: string[] }): Annotation {
  const label = line.sentiment < 0 ? "negative" : line.sentiment > 0 ? "positive" : "neutral";
  return {
    version: 1,
    language: "en",
    tokens: [],
    entities: [],
    sentiment: { score: line.sentiment, comparative: line.sentiment / 10, label, confidence: 0.8, drivers: [] },
    intent: { name: line.intent, confidence: 0.9, alternatives: [] },
    keyPhrases: line.phrases,
  };
}

type ConversationRows = {
  conversations: (typeof tables.conversations.$inferInsert)[];
  messages: (typeof tables.messages.$inferInsert)[];
  tickets: (typeof tables.tickets.$inferInsert)[];
  ticketEvents: (typeof tables.ticketEvents.$inferInsert)[];
  links: (typeof tables.conversationOrders.$inferInsert)[];
};

function addConversation(rows: ConversationRows, rng: Rng, context: DemoCrmContext, customer: GeneratedCustomer, script: ConversationScript, order: OrderRow | undefined): void {
  const conversationId = rng.uuid();
  const startedAt = new Date(context.now.getTime() - (1 + rng.int(180)) * DAY_MS - rng.int(DAY_MS));
  const agent = rng.pick(context.agents);
  const firstName = customer.name?.split(" ")[0] ?? null;
  let at = startedAt.getTime();
  let unanswered: string | null = null;
  const messages = script.lines.map((line) => {
    at += (20 + rng.int(100)) * 1000;
    const text = line.text.replace(/\{order\}/g, order?.number ?? "");
    const base = { id: rng.uuid(), conversationId, text, createdAt: new Date(at) };
    if (line.from === "customer") {
      unanswered = base.id;
      return { ...base, senderType: "customer" as const, senderName: firstName, annotation: annotation(line) };
    }
    if (line.from === "agent") return { ...base, senderType: "agent" as const, senderId: agent.id, senderName: agent.name };
    // Keyed as the bot keys its answer to a customer message (bot:<message id>:<n>).
    const clientMsgId = unanswered ? `bot:${unanswered}:0` : null;
    unanswered = null;
    return { ...base, senderType: "bot" as const, senderName: BOT_NAME, clientMsgId };
  });
  const last = messages[messages.length - 1];
  const scores = script.lines.flatMap((l) => (l.from === "customer" ? [l.sentiment] : []));
  rows.messages.push(...messages);
  rows.conversations.push({
    id: conversationId,
    inboxId: DEMO_INBOX_ID,
    customerId: customer.id,
    channel: "web",
    status: "resolved",
    subject: script.subject,
    sentiment: { start: scores[0], end: scores[scores.length - 1], min: Math.min(...scores), count: scores.length },
    lastMessage: { text: last.text, sender: { type: last.senderType, ...(last.senderName ? { name: last.senderName } : {}) }, createdAt: last.createdAt.toISOString() },
    lastMessageAt: last.createdAt,
    createdAt: startedAt,
    updatedAt: last.createdAt,
  });
  if (order) rows.links.push({ conversationId, orderId: order.id, messageId: messages[0].id, createdAt: messages[0].createdAt });
  if (!script.handoff) return;
  const ticketId = rng.uuid();
  const handedAt = messages[1].createdAt;
  const firstReply = messages.find((m) => m.senderType === "agent")?.createdAt ?? last.createdAt;
  const resolvedAt = new Date(last.createdAt.getTime() + 10 * 60_000);
  rows.tickets.push({
    id: ticketId,
    conversationId,
    customerId: customer.id,
    subject: script.subject,
    status: "resolved",
    priority: script.handoff === "negative_sentiment" ? "high" : "normal",
    reason: script.handoff,
    assigneeId: agent.id,
    firstResponseAt: firstReply,
    resolvedAt,
    createdAt: handedAt,
    updatedAt: resolvedAt,
  });
  rows.ticketEvents.push(
    { ticketId, type: "created", actorType: "bot", data: { reason: script.handoff, triggerMessageId: messages[0].id }, createdAt: handedAt },
    { ticketId, type: "assigned", actorType: "system", data: { assigneeId: agent.id, rule: "round_robin" }, createdAt: handedAt },
    { ticketId, type: "status_changed", actorType: "agent", actorId: agent.id, data: { from: "open", to: "resolved" }, createdAt: resolvedAt },
  );
}

/**
 * CSAT answers for seven resolved demo conversations in ten, so the service report's CSAT and its comparison with the
 * NLP's sentiment show something on first start: the rating follows how the customer's last message felt, give or
 * take one (so a few disagree), asked when the conversation ended and answered a few minutes later. By position, so
 * the generated data stays the same.
 */
function demoCsat(conversations: ConversationRows["conversations"]): (typeof tables.csatResponses.$inferInsert)[] {
  return conversations.flatMap((c, i) => {
    if (c.status !== "resolved" || i % 10 >= 7) return [];
    const end = (c.sentiment as { end?: number } | undefined)?.end ?? 0;
    const score = Math.min(5, Math.max(1, Math.round(3 + end * 0.6 + ((i % 3) - 1))));
    const requestedAt = c.lastMessageAt as Date;
    const comment = score <= 2 ? "It took too long to sort out." : score === 5 ? "Quick and friendly, thank you!" : null;
    return [{ conversationId: c.id!, requestedAt, score, comment, via: "widget" as const, respondedAt: new Date(requestedAt.getTime() + (2 + (i % 5)) * 60_000) }];
  });
}

function buildConversations(rng: Rng, context: DemoCrmContext, customers: GeneratedCustomer[], orders: OrderRow[]): ConversationRows {
  const rows: ConversationRows = { conversations: [], messages: [], tickets: [], ticketEvents: [], links: [] };
  const latestOrder = new Map<string, OrderRow>();
  for (const order of orders) if (order.customerId) latestOrder.set(order.customerId, order);
  const talkers = customers.filter((c) => c.name && c.email).slice(0, DEMO_CRM_SIZE.conversationCustomers);
  for (const customer of talkers) {
    const order = latestOrder.get(customer.id);
    const scripts = CONVERSATION_SCRIPTS.filter((s) => !s.needsOrder || order);
    for (let k = 0, n = 1 + rng.int(2); k < n; k++) addConversation(rows, rng, context, customer, rng.pick(scripts), order);
  }
  return rows;
}

/**
 * A demo customer's segment, which the sales plans assign and allocate by: people without a company buy as consumers;
 * every third company is an enterprise account, the others small businesses (by position, so the generated data stays
 * the same).
 */
function demoSegment(companies: readonly { id: string }[], companyId: string | null): string {
  if (!companyId) return "consumer";
  return companies.findIndex((co) => co.id === companyId) % 3 === 0 ? "enterprise" : "smb";
}

/** Inserts the demo CRM unless its first company is there already (a restart in demo mode, a second `switchboard seed`). */
export async function seedDemoCrm(tx: Database, context: DemoCrmContext): Promise<DemoCrmSummary> {
  const rng = createRng(SEED);
  const companies = generateCompanies(rng, DEMO_CRM_SIZE.companies);
  const [present] = await tx.select({ id: tables.companies.id }).from(tables.companies).where(eq(tables.companies.id, companies[0].id)).limit(1);
  if (present || context.agents.length === 0 || context.products.length === 0) return { companies: 0, customers: 0, orders: 0, notes: 0, conversations: 0 };
  const customers = generateCustomers(rng, DEMO_CRM_SIZE.customers, companies, context.now, new Set(context.takenEmails));
  const orders = buildOrders(rng, customers, context);
  const notes = Array.from({ length: DEMO_CRM_SIZE.notes }, () => {
    const author = rng.pick(context.agents);
    const createdAt = new Date(context.now.getTime() - rng.int(200 * DAY_MS));
    return { customerId: rng.pick(customers).id, authorType: "user" as const, authorId: author.id, authorName: author.name, text: rng.pick(NOTE_TEXTS), createdAt, updatedAt: createdAt };
  });
  const talk = buildConversations(rng, context, customers, orders);

  await tx.insert(tables.attributeDefinitions).values(DEMO_ATTRIBUTE_DEFINITIONS).onConflictDoNothing();
  await tx.insert(tables.companies).values(companies.map((c) => ({ id: c.id, name: c.name, domain: c.domain, attributes: c.attributes, createdAt: context.now, updatedAt: context.now })));
  await tx.insert(tables.customers).values(
    customers.map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      tier: c.tier,
      companyId: c.companyId,
      segment: demoSegment(companies, c.companyId),
      tags: c.tags,
      attributes: c.attributes,
      createdAt: c.createdAt,
      updatedAt: c.createdAt,
    })),
  );
  const withEmail = customers.filter((c) => c.email);
  await tx.insert(tables.customerIdentities).values(withEmail.map((c) => ({ customerId: c.id, channel: "email", externalId: c.email!, createdAt: c.createdAt })));
  await tx.insert(tables.orders).values(orders);
  await tx.insert(tables.customerNotes).values(notes);
  await tx.insert(tables.conversations).values(talk.conversations);
  // seq is assigned in insertion order and orders messages globally: insert them as they were written.
  await tx.insert(tables.messages).values(talk.messages.sort((a, b) => (a.createdAt as Date).getTime() - (b.createdAt as Date).getTime()));
  if (talk.tickets.length) {
    await tx.insert(tables.tickets).values(talk.tickets);
    await tx.insert(tables.ticketEvents).values(talk.ticketEvents);
  }
  if (talk.links.length) await tx.insert(tables.conversationOrders).values(talk.links);
  const surveys = demoCsat(talk.conversations);
  if (surveys.length) await tx.insert(tables.csatResponses).values(surveys);
  return { companies: companies.length, customers: customers.length, orders: orders.length, notes: notes.length, conversations: talk.conversations.length };
}
