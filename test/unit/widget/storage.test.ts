import { describe, expect, it } from "vitest";
import { ensureVisitorId, loadPending, memoryStore, pendingKey, randomId, savePending } from "../../../widget/src/storage.ts";

describe("widget storage", () => {
  it("creates the visitor id once per inbox and keeps it", () => {
    const store = memoryStore();
    let n = 0;
    const make = (): string => `visitor-${++n}-xxxxxxxx`;
    const first = ensureVisitorId(store, "inbox-1", make);
    expect(ensureVisitorId(store, "inbox-1", make)).toBe(first);
    expect(ensureVisitorId(store, "inbox-2", make)).not.toBe(first);
    expect(store.getItem("switchboard:visitor:inbox-1")).toBe(first);
  });

  it("round-trips unacknowledged messages and removes the key when none remain", () => {
    const store = memoryStore();
    const pending = [{ clientMsgId: "k1", text: "hello", createdAt: "2026-01-01T00:00:00.000Z" }];
    savePending(store, "i", pending);
    expect(loadPending(store, "i")).toEqual(pending);
    savePending(store, "i", []);
    expect(store.getItem(pendingKey("i"))).toBeNull();
  });

  it("ignores corrupted or foreign data instead of crashing", () => {
    const store = memoryStore();
    store.setItem(pendingKey("i"), "{not json");
    expect(loadPending(store, "i")).toEqual([]);
    store.setItem(pendingKey("i"), JSON.stringify([{ clientMsgId: 1 }, { clientMsgId: "k", text: "t", createdAt: "x" }]));
    expect(loadPending(store, "i")).toHaveLength(1);
  });

  it("makes RFC 4122 version 4 ids", () => {
    expect(randomId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
