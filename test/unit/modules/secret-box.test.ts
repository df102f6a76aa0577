import { describe, expect, it } from "vitest";
import { createSecretBox } from "../../../src/modules/inboxes/index.ts";

describe("the secret box that seals inbox settings", () => {
  const box = createSecretBox("k".repeat(40));

  it("opens what it sealed, and seals the same text differently each time (random IV)", () => {
    const sealed = box.seal('{"botToken":"123:abc"}', "inbox-1");
    expect(sealed).not.toContain("botToken");
    expect(box.open(sealed, "inbox-1")).toBe('{"botToken":"123:abc"}');
    expect(box.seal("same", "inbox-1")).not.toBe(box.seal("same", "inbox-1"));
  });

  it("refuses a tampered box, another inbox's box, and another key's box", () => {
    const sealed = box.seal("secret", "inbox-1");
    const parts = sealed.split(".");
    const flipped = Buffer.from(parts[3]!, "base64url");
    flipped[0]! ^= 1;
    expect(() => box.open([...parts.slice(0, 3), flipped.toString("base64url")].join("."), "inbox-1")).toThrow();
    expect(() => box.open(sealed, "inbox-2")).toThrow();
    expect(() => createSecretBox("z".repeat(40)).open(sealed, "inbox-1")).toThrow();
    expect(() => box.open("plain text", "inbox-1")).toThrow(/known format/);
  });
});
