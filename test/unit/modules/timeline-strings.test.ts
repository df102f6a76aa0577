import { describe, expect, it } from "vitest";
import { isUnsafeText } from "../../../src/contracts/safe-text.ts";
import { shorten, timelineStrings } from "../../../src/modules/customers/timeline.strings.ts";

describe("timeline summaries", () => {
  it("keep short text as one line and cut long text at 140 characters, never inside a surrogate pair", () => {
    expect(shorten("Prefers email.\n\nCall  after 5pm.")).toBe("Prefers email. Call after 5pm.");
    const long = "😀".repeat(200);
    const cut = shorten(long);
    expect(Array.from(cut)).toHaveLength(140);
    expect(cut.endsWith("…")).toBe(true);
    expect(isUnsafeText(cut)).toBe(false);
  });

  it("say what changed on a profile, naming records by their name", () => {
    const changes = {
      company: { from: { id: "1", name: "Acme" }, to: { id: "2", name: "Globex" } },
      tags: { from: [], to: ["vip", "beta"] },
      email: { from: "a@old.test", to: null },
      "attributes.plan": { from: "free", to: "pro" },
    };
    expect(timelineStrings.en.event("customer.updated", { changes })).toBe(
      "Company changed from Acme to Globex; Tags set to vip, beta; Email removed (was a@old.test); Attribute plan changed from free to pro",
    );
    expect(timelineStrings.en.by("Personal data erased", "Ada Admin")).toBe("Personal data erased by Ada Admin");
  });
});
