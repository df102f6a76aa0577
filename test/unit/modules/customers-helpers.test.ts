import { describe, expect, it } from "vitest";
import { isFreeMailDomain } from "../../../src/modules/customers/free-mail.ts";
import { excerptAround } from "../../../src/modules/customers/profile.service.ts";
import { phoneDigitsOf } from "../../../src/modules/customers/search.repo.ts";

describe("free-mail domains never join a company", () => {
  it("knows the big providers, their country domains included, and not organisations", () => {
    for (const domain of ["gmail.com", "GMAIL.COM", "yahoo.com", "yahoo.co.uk", "hotmail.fr", "outlook.com", "icloud.com", "proton.me"]) {
      expect(isFreeMailDomain(domain), domain).toBe(true);
    }
    for (const domain of ["acme.com", "example.org", "yahooligans-shop.com", "gmail.com.acme.io"]) expect(isFreeMailDomain(domain), domain).toBe(false);
  });
});

describe("suggestion excerpts", () => {
  it("keep a short message whole and cut a long one around the value, at most 160 characters", () => {
    expect(excerptAround("write to  me at a@b.co", "a@b.co")).toBe("write to me at a@b.co");
    const long = `${"before ".repeat(40)}reach me at jo@example.com please ${"after ".repeat(40)}`;
    const excerpt = excerptAround(long, "jo@example.com");
    expect(excerpt.length).toBeLessThanOrEqual(160);
    expect(excerpt).toContain("jo@example.com");
    expect(excerpt.startsWith("…") && excerpt.endsWith("…")).toBe(true);
    expect(excerptAround(`${"x".repeat(300)} value`, "value").endsWith("value")).toBe(true);
  });
});

describe("phone-like searches", () => {
  it("take the digits of a query written only in phone characters", () => {
    expect(phoneDigitsOf("+1 (415) 555-0101")).toBe("14155550101");
    expect(phoneDigitsOf("555.0101")).toBe("5550101");
    expect(phoneDigitsOf("ORD-10042")).toBeNull();
    expect(phoneDigitsOf("12")).toBeNull();
  });
});
