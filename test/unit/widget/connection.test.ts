import { describe, expect, it } from "vitest";
import { unwrapAck } from "../../../widget/src/connection.ts";

describe("widget acknowledgement reading", () => {
  it("takes the contract's bare shapes as they are", () => {
    const receipt = { id: "m1", conversationId: "c", createdAt: "2026-01-01T00:00:00Z" };
    expect(unwrapAck(receipt)).toEqual(receipt);
    expect(unwrapAck([receipt])).toEqual([receipt]);
    expect(unwrapAck({ error: { code: "VALIDATION", message: "text is empty" } })).toEqual({ error: { code: "VALIDATION", message: "text is empty" } });
  });

  it("also accepts a { data } envelope", () => {
    expect(unwrapAck({ data: [] })).toEqual([]);
    expect(unwrapAck({ data: { id: "m1" } })).toEqual({ id: "m1" });
  });
});
