import { describe, expect, it } from "vitest";
import { contrastRatio, lookInitials, MIN_TEXT_CONTRAST, TEXT_ON_ACCENT, textOn } from "../../../src/contracts/widget-look.ts";

describe("widget colour contrast", () => {
  it("measures WCAG contrast: black on white is 21:1, a colour on itself 1:1", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#4f46e5", "#4f46e5")).toBeCloseTo(1, 5);
  });

  it("draws white text on dark colours and dark text on light ones, whichever contrasts more", () => {
    expect(textOn("#4f46e5").text).toBe(TEXT_ON_ACCENT.light);
    expect(textOn("#ffd60a").text).toBe(TEXT_ON_ACCENT.dark);
    expect(textOn("#ffd60a").contrast).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });

  it("finds mid grey unreadable with either text colour", () => {
    expect(textOn("#888888").contrast).toBeLessThan(MIN_TEXT_CONTRAST);
  });

  it("takes initials from the look, else from the title's words (letters only)", () => {
    expect(lookInitials({ avatarInitials: "ab", title: "Acme help" })).toBe("AB");
    expect(lookInitials({ avatarInitials: null, title: "Acme — help desk" })).toBe("AH");
    expect(lookInitials({ avatarInitials: null, title: "24/7" })).toBe("");
  });
});
