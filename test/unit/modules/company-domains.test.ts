import { describe, expect, it } from "vitest";
import { normaliseDomain } from "../../../src/modules/companies/index.ts";

describe("company domains", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["ACME.com", "acme.com"],
    ["  www.acme.com ", "acme.com"],
    ["https://WWW.Acme.co.uk/about?x=1#top", "acme.co.uk"],
    ["http://acme.com:8080", "acme.com"],
    ["acme.com.", "acme.com"],
    ["shop.acme.io/path", "shop.acme.io"],
    ["bücher.de", "xn--bcher-kva.de"],
  ])("normalises %j to %j", (input, domain) => {
    expect(normaliseDomain(input)).toBe(domain);
  });

  it.each(["", "acme", "not a domain", "ann@acme.com", "localhost", "127.0.0.1", "-acme.com", "acme..com", "acme.c", "javascript:alert(1)", `${"a".repeat(64)}.com`])(
    "refuses %j",
    (input) => {
      expect(normaliseDomain(input)).toBeUndefined();
    },
  );

});
