/** Browser persistence for the widget: the visitor id and the messages not yet acknowledged, per inbox. */
import type { PendingMessage } from "./message-list.ts";

/** The subset of the Web Storage API the widget needs (injectable for tests). */
export type KeyValueStore = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
};

/** An in-memory store used when localStorage is unavailable (privacy modes, sandboxed iframes). */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, string>();
  return {
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
}

/** Returns localStorage when it works, otherwise an in-memory store, so the widget never crashes on storage errors. */
export function browserStore(): KeyValueStore {
  try {
    const probe = "switchboard:probe";
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStore();
  }
}

/** Makes a random RFC 4122 v4 id; falls back to getRandomValues where randomUUID is missing (plain-http pages). */
export function randomId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Storage key of the visitor id for an inbox. */
export const visitorKey = (inbox: string): string => `switchboard:visitor:${inbox}`;

/** Storage key of the unacknowledged messages for an inbox. */
export const pendingKey = (inbox: string): string => `switchboard:pending:${inbox}`;

function safeSet(store: KeyValueStore, key: string, value: string): void {
  try {
    store.setItem(key, value);
  } catch {
    // Quota or privacy errors must not break chatting; the message then only lives in memory.
  }
}

/** Returns the stored (server-issued) visitor id for the inbox, or undefined for a first-time visitor. */
export function readVisitorId(store: KeyValueStore, inbox: string): string | undefined {
  const value = store.getItem(visitorKey(inbox));
  return value && value.length >= 8 && value.length <= 100 ? value : undefined;
}

/** What a first visit sends as its visitor id: any placeholder; the server answers with the id to keep. */
export const FIRST_VISIT_PLACEHOLDER = "first-visit";

/** The visitor id to send in the handshake: the one the server issued for this inbox, or the placeholder on a first visit. */
export function visitorIdToSend(store: KeyValueStore, inbox: string): string {
  return readVisitorId(store, inbox) ?? FIRST_VISIT_PLACEHOLDER;
}

/** Stores the visitor id the server issued (its "visitor" event), replacing whatever was sent. */
export function storeVisitorId(store: KeyValueStore, inbox: string, visitorId: string): void {
  if (visitorId.length < 8 || visitorId.length > 100) return;
  if (store.getItem(visitorKey(inbox)) !== visitorId) safeSet(store, visitorKey(inbox), visitorId);
}

function isPending(value: unknown): value is PendingMessage {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.clientMsgId === "string" && typeof v.text === "string" && typeof v.createdAt === "string";
}

/** Reads the unacknowledged messages for the inbox, ignoring anything malformed. */
export function loadPending(store: KeyValueStore, inbox: string): PendingMessage[] {
  const raw = store.getItem(pendingKey(inbox));
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isPending) : [];
  } catch {
    return [];
  }
}

/** Replaces the stored unacknowledged messages for the inbox (removing the key when none remain). */
export function savePending(store: KeyValueStore, inbox: string, pending: readonly PendingMessage[]): void {
  if (pending.length === 0) {
    store.removeItem(pendingKey(inbox));
    return;
  }
  safeSet(store, pendingKey(inbox), JSON.stringify(pending));
}
