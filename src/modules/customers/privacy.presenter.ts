/** A customer's stored rows → the GDPR export document. */
import type { CustomerExportDTO, CustomerProfileDTO, ExportedEventDTO } from "../../contracts/crm.ts";
import { presentActorRef } from "./customers.actors.ts";
import type { CustomerEventRow } from "./customers.repo.ts";
import type { CustomerRecords } from "./privacy.repo.ts";

function presentEvent(row: CustomerEventRow): ExportedEventDTO {
  return { type: row.type, actor: presentActorRef(row), data: row.data, createdAt: row.createdAt.toISOString() };
}

/** Everything stored about a customer as one JSON document. */
export function presentCustomerExport(profile: CustomerProfileDTO, records: CustomerRecords, exportedAt: Date): CustomerExportDTO {
  const { company, messages, orderLinks, ticketEvents, events } = records;
  const own = events.filter((e) => e.customerId === profile.id);
  return {
    exportedAt: exportedAt.toISOString(),
    profile,
    identities: records.identities.map((i) => ({ channel: i.channel, externalId: i.externalId, createdAt: i.createdAt.toISOString() })),
    company: company ? { id: company.id, name: company.name, domain: company.domain, attributes: company.attributes } : null,
    tags: records.customer?.tags ?? [],
    attributes: records.customer?.attributes ?? {},
    conversations: records.conversations.map((c) => ({
      id: c.id,
      inboxId: c.inboxId,
      channel: c.channel,
      status: c.status,
      subject: c.subject,
      createdAt: c.createdAt.toISOString(),
      lastMessageAt: c.lastMessageAt.toISOString(),
      orderIds: orderLinks.filter((l) => l.conversationId === c.id).map((l) => l.orderId),
      messages: messages
        .filter((m) => m.conversationId === c.id)
        .map((m) => ({
          id: m.id,
          sender: { type: m.senderType, id: m.senderId, name: m.senderName },
          text: m.text,
          annotation: m.annotation,
          metadata: m.metadata,
          createdAt: m.createdAt.toISOString(),
        })),
    })),
    tickets: records.tickets.map((t) => ({
      id: t.id,
      number: t.number,
      conversationId: t.conversationId,
      subject: t.subject,
      status: t.status,
      priority: t.priority,
      reason: t.reason,
      createdAt: t.createdAt.toISOString(),
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
      events: ticketEvents
        .filter((e) => e.ticketId === t.id)
        .map((e) => ({ type: e.type, actorType: e.actorType, actorId: e.actorId, data: e.data, createdAt: e.createdAt.toISOString() })),
    })),
    orders: records.orders.map((o) => ({
      id: o.id,
      number: o.number,
      status: o.status,
      items: o.items,
      totalCents: o.totalCents,
      currency: o.currency,
      carrier: o.carrier,
      trackingNumber: o.trackingNumber,
      estimatedDelivery: o.estimatedDelivery,
      createdAt: o.createdAt.toISOString(),
    })),
    deals: records.deals.map(({ deal, stage }) => ({
      id: deal.id,
      title: deal.title,
      stage,
      amountCents: Number(deal.amountCents),
      currency: deal.currency,
      expectedCloseDate: deal.expectedCloseDate,
      closedAt: deal.closedAt?.toISOString() ?? null,
      createdAt: deal.createdAt.toISOString(),
    })),
    notes: records.notes.map((n) => ({
      id: n.id,
      customerId: n.customerId,
      text: n.text,
      author: { type: n.authorType, id: n.authorId, name: n.authorName },
      createdAt: n.createdAt.toISOString(),
      updatedAt: n.updatedAt.toISOString(),
    })),
    suggestions: records.suggestions.map((s) => ({
      id: s.id,
      field: s.field,
      value: s.value,
      status: s.status,
      messageId: s.messageId,
      conversationId: s.conversationId,
      createdAt: s.createdAt.toISOString(),
    })),
    events: own.map(presentEvent),
    visitors: records.visitors.map((v) => ({ id: v.id, inboxId: v.inboxId, createdAt: v.createdAt.toISOString(), lastSeenAt: v.lastSeenAt.toISOString() })),
    mergedRecords: records.merged.map((m) => ({
      id: m.id,
      name: m.name,
      createdAt: m.createdAt.toISOString(),
      events: events.filter((e) => e.customerId === m.id).map(presentEvent),
    })),
  };
}
