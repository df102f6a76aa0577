import { describe, expect, it } from "vitest";
import {
  FIRST_VISIT_PLACEHOLDER,
  loadPending,
  memoryStore,
  pendingKey,
  randomId,
  readVisitorId,
  savePending,
  storeVisitorId,
  visitorIdToSend,
} from "../../../widget/src/storage.ts";

describe("widget storage", () => {
  it("sends the placeholder on a first visit, then the id the server issued, per inbox", () => {
    const store = memoryStore();
    expect(visitorIdToSend(store, "inbox-1")).toBe(FIRST_VISIT_PLACEHOLDER);
    storeVisitorId(store, "inbox-1", "v1.issued-by-the-server-aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(visitorIdToSend(store, "inbox-1")).toBe("v1.issued-by-the-server-aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect(visitorIdToSend(store, "inbox-2")).toBe(FIRST_VISIT_PLACEHOLDER);
    expect(store.getItem("switchboard:visitor:inbox-1")).toBe("v1.issued-by-the-server-aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  });

  it("replaces the stored id when the server issues another, and ignores ids of an impossible length", () => {
    const store = memoryStore();
    storeVisitorId(store, "i", "v1.first-id-xxxxxxxx");
    storeVisitorId(store, "i", "v1.rotated-id-xxxxxxxx");
    expect(readVisitorId(store, "i")).toBe("v1.rotated-id-xxxxxxxx");
    storeVisitorId(store, "i", "short");
    storeVisitorId(store, "i", "x".repeat(101));
    expect(readVisitorId(store, "i")).toBe("v1.rotated-id-xxxxxxxx");
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
