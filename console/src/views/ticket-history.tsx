/** The ticket's history under its card: who changed what and when, API keys named as such. */
import { useEffect, useState } from "preact/hooks";
import type { TicketDTO, TicketEventDTO } from "../../../src/contracts/api.ts";
import { getTicketHistory } from "../api/endpoints.ts";
import { formatRelativeTime } from "../format.ts";
import { SLA_DUE_TEXT } from "../sla-strings.ts";
import { TICKET_HISTORY_TEXT as T } from "../strings.ts";

/** Who made a change, as the history shows it. */
export function actorLabel(event: Pick<TicketEventDTO, "actorType" | "actorName">): string {
  if (event.actorType === "api_key") return T.apiKey(event.actorName ?? T.actors.api_key);
  return event.actorName ?? T.actors[event.actorType];
}

/** What a change did, in words. */
export function changeText(event: Pick<TicketEventDTO, "type" | "data">, ticket: Pick<TicketDTO, "assignee"> & { team?: TicketDTO["team"] }): string {
  // Round-robin assignments record {assigneeId, rule}; routing adds its reason; a person's or a key's change records {from, to} (a transfer adds its note).
  const data = event.data as { from?: unknown; to?: unknown; assigneeId?: unknown; reason?: unknown; note?: unknown; until?: unknown };
  const text = (value: unknown): string => (typeof value === "string" ? value : "—");
  switch (event.type) {
    case "created":
      return T.created;
    case "queued":
      return T.routed(text(data.reason));
    case "assigned": {
      if (typeof data.reason === "string") return T.routed(data.reason);
      const assigned = T.assigned(ticket.assignee && (data.to ?? data.assigneeId) === ticket.assignee.id ? ticket.assignee.name : null);
      return typeof data.note === "string" ? T.withNote(assigned, data.note) : assigned;
    }
    case "team_changed":
      return T.team(data.to === null ? null : ticket.team && data.to === ticket.team.id ? ticket.team.name : undefined);
    case "snoozed":
      return T.snoozed(typeof data.until === "string" ? new Date(data.until).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "—");
    case "unsnoozed":
      return T.unsnoozed;
    case "unassigned":
      return T.unassigned;
    case "status_changed":
      return T.status(text(data.from), text(data.to));
    case "priority_changed":
      return T.priority(text(data.from), text(data.to));
    case "sla_warning":
      return SLA_DUE_TEXT.history.warning(text((event.data as { metric?: unknown }).metric));
    case "sla_breached":
      return SLA_DUE_TEXT.history.breached(text((event.data as { metric?: unknown }).metric));
    default:
      return T.other(event.type);
  }
}

/** Loads the history again whenever the ticket changes (its updatedAt moves). */
export function TicketHistory(props: { ticket: TicketDTO }) {
  const { ticket } = props;
  const [events, setEvents] = useState<TicketEventDTO[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    setFailed(false);
    getTicketHistory(ticket.id).then(
      (loaded) => current && setEvents(loaded),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [ticket.id, ticket.updatedAt]);
  return (
    <div class="ticket-history" data-testid="ticket-history">
      <h4 class="ticket-history__title">{T.title}</h4>
      {failed ? (
        <p class="card__muted">{T.failed}</p>
      ) : events === null ? (
        <p class="card__muted">{T.loading}</p>
      ) : (
        <ol class="ticket-history__list">
          {[...events].reverse().map((event) => (
            <li class="ticket-history__item" data-testid="ticket-history-item" data-actor-type={event.actorType} key={event.id}>
              <strong>{actorLabel(event)}</strong> {changeText(event, ticket)} <span class="card__muted">· {formatRelativeTime(event.createdAt)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
