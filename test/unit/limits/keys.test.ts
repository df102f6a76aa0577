import { describe, expect, it } from "vitest";
import { ipKey } from "../../../src/limits/index.ts";
import { clientAddress } from "../../../src/realtime/client-address.ts";

describe("client address keys", () => {
  it("counts an IPv4 address as itself, also when IPv4-mapped", () => {
    expect(ipKey("203.0.113.7")).toBe("203.0.113.7");
    expect(ipKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts an IPv6 client by its /64 network, however the address is written", () => {
    expect(ipKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:0db8:0001:0002::1")).toBe("2001:db8:1:2::/64");
    expect(ipKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(ipKey("::1")).toBe("0:0:0:0::/64");
  });
});

describe("socket client address", () => {
  it("believes X-Forwarded-For only from a proxy on loopback, hop by hop", () => {
    expect(clientAddress({ address: "::ffff:127.0.0.1", headers: { "x-forwarded-for": "198.51.100.4" } })).toBe("198.51.100.4");
    expect(clientAddress({ address: "127.0.0.1", headers: { "x-forwarded-for": "198.51.100.4, 127.0.0.1" } })).toBe("198.51.100.4");
    // A client that is not on loopback cannot choose its address.
    expect(clientAddress({ address: "192.0.2.9", headers: { "x-forwarded-for": "198.51.100.4" } })).toBe("192.0.2.9");
    // Only the hops the trusted proxy added count: a forged first hop is not reached.
    expect(clientAddress({ address: "127.0.0.1", headers: { "x-forwarded-for": "10.9.9.9, 192.0.2.9" } })).toBe("192.0.2.9");
    expect(clientAddress({ address: "::1", headers: {} })).toBe("::1");
  });
});
