/** Timeline row → DTO, with the summary written from its type and data. */
import type { ActorRefDTO, TimelineItemDTO } from "../../contracts/crm.ts";
import type { TimelineRow } from "./timeline.repo.ts";
import { timelineStrings } from "./timeline.strings.ts";

const strings = timelineStrings.en;

function summaryOf(row: TimelineRow, actor: ActorRefDTO | null): string {
  switch (row.kind) {
    case "conversation":
      return strings.conversation(row.data);
    case "ticket":
      return strings.by(strings.ticket(row.type, row.data), actor?.type === "user" || actor?.type === "api_key" ? actor.name : null);
    case "order":
      return strings.by(strings.order(row.type, row.data), actor?.type === "user" || actor?.type === "api_key" ? actor.name : null);
    case "note":
      return strings.note(row.data);
    case "event":
      return strings.by(strings.event(row.type, row.data), actor && actor.type !== "customer" ? actor.name : null);
    case "deal":
      return strings.by(strings.deal(row.type, row.data), actor?.type === "user" || actor?.type === "api_key" ? actor.name : null);
  }
}

/** Presents one timeline entry; `id` is unique across kinds (type and the source row's id). */
export function presentTimelineItem(row: TimelineRow): TimelineItemDTO {
  const actor: ActorRefDTO | null = row.actor_type ? { type: row.actor_type, id: row.actor_id, name: row.actor_name } : null;
  const link: TimelineItemDTO["link"] = {};
  if (row.conversation_id) link.conversationId = row.conversation_id;
  if (row.ticket_id) link.ticketId = row.ticket_id;
  if (row.order_id) link.orderId = row.order_id;
  if (row.note_id) link.noteId = row.note_id;
  if (row.kind === "deal" && typeof row.data.dealId === "string") link.dealId = row.data.dealId;
  return {
    id: `${row.type}:${row.raw_id}`,
    kind: row.kind,
    type: row.type,
    at: new Date(row.at).toISOString(),
    actor,
    summary: summaryOf(row, actor),
    data: row.data,
    link,
  };
}
