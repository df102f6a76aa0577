/** Typed in-process domain events; payloads carry ids and the few fields listeners need, never whole rows. */
import { EventEmitter } from "node:events";
import type { SessionEndReason } from "./contracts/api.ts";

/** Every domain event and its payload. */
export type DomainEvents = {
  /**
   * `handedOff`: the conversation was with people (status handoff) when the message was stored. Only then can it have an
   * open ticket, so listeners about tickets (SLA, escalation) skip the bot's conversations without asking the database.
   */
  "message.created": { messageId: string; conversationId: string; senderType: "customer" | "bot" | "agent" | "system"; senderId: string | null; handedOff: boolean };
  "conversation.updated": { conversationId: string };
  /** A resolved conversation's customer is asked to rate it (the widget shows its rating prompt). */
  "csat.requested": { conversationId: string };
  /** A reply's delivery to its chat channel changed (pending, sent, delivered, read, failed). */
  "message.updated": { messageId: string; conversationId: string };
  /**
   * A customer was erased (GDPR): their messages were rewritten (caches of stored messages must forget them) and their
   * conversations lost their channel address (the former ones here: sockets still in those conversations must leave).
   */
  "customer.erased": { customerId: string; addresses: { channel: string; externalId: string }[]; attachmentHashes: string[] };
  "ticket.updated": { ticketId: string };
  /** A deal was created, changed or deleted (the console refreshes the conversation it came from, if any). */
  "deal.updated": { dealId: string; conversationId: string | null };
  "agent.updated": { userId: string };
  /** A private note was added to a conversation (consoles only; never the widget or a channel). */
  "note.created": { noteId: string; conversationId: string };
  /** A label was renamed, recoloured or deleted: conversation lists showing it are stale. */
  "labels.changed": { labelId: string };
  /** A console user got a notification (an @mention). */
  "notification.created": { notificationId: string; userId: string };
  /** Console sessions that no longer exist: their sockets must close and every node must forget them. */
  "session.ended": { userId: string; sessionIds: string[]; reason: SessionEndReason };
  "typing.changed": { conversationId: string; sender: { type: "customer" | "bot" | "agent"; name?: string }; typing: boolean };
};

/** A typed event bus. */
export type EventBus = {
  emit<K extends keyof DomainEvents>(name: K, payload: DomainEvents[K]): void;
  on<K extends keyof DomainEvents>(name: K, listener: (payload: DomainEvents[K]) => void): () => void;
};

/** Creates the bus one server process uses; listeners that throw are reported, never crash the emitter. */
export function createEventBus(onListenerError: (error: unknown, name: string) => void): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(100);
  return {
    emit(name, payload) {
      for (const listener of emitter.listeners(name)) {
        try {
          (listener as (p: unknown) => void)(payload);
        } catch (error) {
          onListenerError(error, name);
        }
      }
    },
    on(name, listener) {
      emitter.on(name, listener as (p: unknown) => void);
      return () => emitter.off(name, listener as (p: unknown) => void);
    },
  };
}
