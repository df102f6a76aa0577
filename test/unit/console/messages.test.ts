import { describe, expect, it } from "vitest";
import { addPending, delivered, markFailed, mergeMessages, removePending } from "../../../console/src/store/messages.ts";
import type { ConsoleMessage } from "../../../console/src/store/types.ts";
import { buildMessage } from "./fixtures.ts";

const at = (second: number): string => new Date(Date.UTC(2026, 2, 1, 10, 0, second)).toISOString();

function pending(clientMsgId: string, text = "on my way"): ConsoleMessage {
  return { ...buildMessage({ id: `local-${clientMsgId}`, clientMsgId, sender: { type: "agent" }, text, createdAt: at(30) }), delivery: "sending" };
}

describe("conversation messages", () => {
  it("orders messages chronologically and drops duplicates by id", () => {
    const items = mergeMessages([], [buildMessage({ id: "b", createdAt: at(2) }), buildMessage({ id: "a", createdAt: at(1) })]);
    const again = mergeMessages(items, [buildMessage({ id: "b", createdAt: at(2) })]);
    expect(again.map((m) => m.id)).toEqual(["a", "b"]);
  });

  it("prepends an older page in order", () => {
    const latest = mergeMessages([], [buildMessage({ id: "c", createdAt: at(3) })]);
    const older = mergeMessages(latest, [buildMessage({ id: "a", createdAt: at(1) }), buildMessage({ id: "b", createdAt: at(2) })]);
    expect(older.map((m) => m.id)).toEqual(["a", "b", "c"]);
  });

  it("shows an agent reply at once as sending, then replaces it with the server's copy", () => {
    const withPending = addPending(mergeMessages([], [buildMessage({ id: "a", createdAt: at(1) })]), pending("k1"));
    expect(withPending.map((m) => m.delivery)).toEqual(["sent", "sending"]);
    const confirmed = mergeMessages(withPending, [buildMessage({ id: "srv", clientMsgId: "k1", sender: { type: "agent" }, text: "on my way", createdAt: at(20) })]);
    expect(confirmed.map((m) => [m.id, m.delivery])).toEqual([["a", "sent"], ["srv", "sent"]]);
  });

  it("keeps a reply that is still sending after messages that arrive meanwhile", () => {
    const items = mergeMessages(addPending([], pending("k1")), [buildMessage({ id: "cust", createdAt: at(40) })]);
    expect(items.map((m) => m.id)).toEqual(["cust", "local-k1"]);
  });

  it("marks a reply failed, and lets it be discarded", () => {
    const failed = markFailed(addPending([], pending("k1")), "k1");
    expect(failed[0].delivery).toBe("failed");
    expect(removePending(failed, "k1")).toEqual([]);
  });

  it("never marks an already delivered message as failed", () => {
    const items = [delivered(buildMessage({ id: "srv", clientMsgId: "k1" }))];
    expect(markFailed(items, "k1")[0].delivery).toBe("sent");
  });
});
